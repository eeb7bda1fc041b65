package dev.devserver.router;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router's second listener, for calls from function containers: the same chain, cluster-local services found,
 * devserver's own hosts not served. The host's listener answers cluster-local services with 404.
 */
class ClusterListenerTest extends RouterTestBase {
    private final int clusterPort = freePort();
    final List<String> notices = new CopyOnWriteArrayList<>();

    @Override
    Router.Cluster cluster() {
        return new Router.Cluster("127.0.0.1", clusterPort, notices::add);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply fromCluster(String host, String uri) throws Exception {
        RequestOptions request = new RequestOptions().setHost("127.0.0.1").setPort(clusterPort).setURI(uri).putHeader("Host", host);
        return await(client.request(request).compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.headers(), b.toString()))));
    }

    @Test
    void functionsAnswerOnBothListenersAndEveryCallIsLogged() throws Exception {
        waitUntil("the cluster listener bound", () -> {
            try {
                return fromCluster(FN_HOST, "/").status() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        assertEquals("hello from /inner", fromCluster(FN_HOST, "/inner").body());
        assertEquals("hello from /outer", get(FN_HOST, "/outer").body());
        waitUntil("both logged", () -> records.stream().map(RequestRecord::requestUrl).toList().containsAll(List.of("/inner", "/outer")));
        assertEquals(List.of(), notices);
    }

    @Test
    void clusterLocalServicesAreFoundFromContainersOnly() throws Exception {
        echo.clusterLocal = true;
        assertEquals(404, get(FN_HOST, "/").status(), "from the host, as from outside a cluster");
        waitUntil("reached from the cluster listener", () -> {
            try {
                return fromCluster(FN_HOST, "/").status() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    @Test
    void devserversOwnHostsAreNotServedToContainers() throws Exception {
        assertEquals(200, get("localhost", "/healthz").status());
        waitUntil("the cluster listener bound", () -> {
            try {
                return fromCluster("localhost", "/healthz").status() == 404;
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    @Test
    void aClusterPortInUseIsReportedAndTheRouterServesOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Router second = new Router(vertx, services, options(), records::add)
                    .cluster(new Router.Cluster("127.0.0.1", taken.getLocalPort(), notices::add));
            int secondPort = await(second.start());
            waitUntil("the failure reported", () -> !notices.isEmpty());
            assertTrue(notices.get(0).startsWith("Calls between functions are off: the router cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()), notices.toString());
            assertEquals(1, notices.size(), "reported once, not once per event loop");
            HttpClient direct = vertx.createHttpClient();
            int status = await(direct.request(new RequestOptions().setHost("127.0.0.1").setPort(secondPort).setURI("/")
                    .putHeader("Host", FN_HOST)).compose(req -> req.send()).map(resp -> resp.statusCode()));
            assertEquals(200, status);
            await(second.stop());
        }
    }
}
