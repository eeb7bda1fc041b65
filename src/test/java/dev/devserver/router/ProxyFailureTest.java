package dev.devserver.router;

import dev.devserver.serving.Lease;
import dev.devserver.serving.NotReadyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyFailureTest extends RouterTestBase {

    @Override
    RouterOptions options() {
        return RouterOptions.defaults().withPort(0).withTimeouts(Duration.ofMillis(300), Duration.ofMillis(500));
    }

    @Test
    void deadUpstreamIs502AndLeaseReleased() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        TestServices.TestRoute dead = services.add("functions-dead.ns.localhost", "ns", "functions-dead", deadPort);
        Reply reply = get("functions-dead.ns.localhost", "/");
        assertEquals(502, reply.status());
        assertTrue(reply.body().contains("cannot connect to dead at 127.0.0.1:" + deadPort), reply.body());
        waitUntil("lease released", () -> dead.released.get() == 1);
        assertEquals(0, dead.doubleReleases.get());
    }

    @Test
    void acquireThatNeverCompletesIs503AfterActivationTimeout() throws Exception {
        CompletableFuture<Lease> never = new CompletableFuture<>();
        echo.acquire = () -> never;
        long start = System.nanoTime();
        Reply reply = get(FN_HOST, "/");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, reply.status());
        assertTrue(reply.body().contains("did not become ready") && reply.body().contains("activation timeout"), reply.body());
        assertTrue(millis >= 250 && millis < 5_000, "took " + millis + "ms");

        never.complete(echo.lease(upstreamPort)); // a lease that shows up late goes straight back
        waitUntil("late lease released", () -> echo.released.get() == 1);
        assertTrue(upstreamHeaders.isEmpty());
    }

    @Test
    void notReadyExceptionGivesItsStatusAndMessage() throws Exception {
        echo.acquire = () -> CompletableFuture.failedFuture(new NotReadyException(502, "echo crashed: exit code 1"));
        Reply reply = get(FN_HOST, "/");
        assertEquals(502, reply.status());
        assertEquals("echo crashed: exit code 1\n", reply.body());

        CompletableFuture<Lease> later = new CompletableFuture<>();
        echo.acquire = () -> later;
        vertx.setTimer(50, id -> later.completeExceptionally(new NotReadyException(503, "echo is building")));
        Reply slow = get(FN_HOST, "/");
        assertEquals(503, slow.status());
        assertEquals("echo is building\n", slow.body());
    }

    @Test
    void slowColdStartWithinTimeoutIsProxied() throws Exception {
        echo.acquire = () -> {
            CompletableFuture<Lease> later = new CompletableFuture<>();
            new Thread(() -> {
                sleep(100);
                later.complete(echo.lease(upstreamPort));
            }).start();
            return later;
        };
        Reply reply = send(HttpMethod.POST, FN_HOST, "/cold", null, "body kept while waiting");
        assertEquals(200, reply.status());
        waitUntil("lease released", () -> echo.released.get() == 1);
    }

    @Test
    void slowUpstreamIs504AfterRevisionTimeout() throws Exception {
        upstreamHandler = req -> { }; // never answers
        Reply reply = get(FN_HOST, "/slow");
        assertEquals(504, reply.status());
        assertTrue(reply.body().contains("revision timeout"), reply.body());
        waitUntil("lease released", () -> echo.released.get() == 1);
        assertEquals(0, echo.doubleReleases.get());
    }

    /** Knative's timeoutSeconds is the revision's: a longer one than the router's lets a slow answer through. */
    @Test
    void theRevisionsOwnTimeoutWinsOverTheRouters() throws Exception {
        echo.timeout = Duration.ofSeconds(30);
        upstreamHandler = req -> vertx.setTimer(1_500, id -> req.response().end("late but in time"));
        Reply reply = get(FN_HOST, "/slow");
        assertEquals(200, reply.status(), reply.body());
        echo.timeout = Duration.ofMillis(200);
        upstreamHandler = req -> { }; // never answers
        Reply timedOut = get(FN_HOST, "/slow");
        assertEquals(504, timedOut.status(), "the revision's shorter timeout");
        assertTrue(timedOut.body().contains("revision timeout"), timedOut.body());
    }

    @Test
    void leaseReleasedExactlyOncePerRequest() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get(FN_HOST, "/" + i).status());
        }
        waitUntil("all released", () -> echo.released.get() == 20);
        assertEquals(20, echo.acquired.get());
        assertEquals(0, echo.doubleReleases.get());
    }

    @Test
    void clientResetMidResponseReleasesLeaseOnce() throws Exception {
        upstreamHandler = req -> req.response().setChunked(true).write("partial"); // never ends
        NetClient net = vertx.createNetClient();
        NetSocket socket = await(net.connect(port, "127.0.0.1"));
        socket.handler(data -> socket.close());
        socket.write("GET /stuck HTTP/1.1\r\nHost: " + FN_HOST + "\r\n\r\n");
        waitUntil("lease released", () -> echo.released.get() == 1);
        waitUntil("record written", () -> records.size() == 1);
        assertEquals(Exchange.CLIENT_CLOSED, records.get(0).status());
        Thread.sleep(600); // past the revision timeout: no second release
        assertEquals(1, echo.released.get());
        assertEquals(0, echo.doubleReleases.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
