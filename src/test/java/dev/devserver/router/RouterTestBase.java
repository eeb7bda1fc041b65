package dev.devserver.router;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real router on an ephemeral port in front of a real upstream Vert.x server playing the container. */
abstract class RouterTestBase {
    static final String FN_HOST = "functions-echo.ns.localhost";

    Vertx vertx;
    HttpServer upstream;
    int upstreamPort;
    volatile Handler<HttpServerRequest> upstreamHandler = req -> req.response().end("hello from " + req.path());
    final List<MultiMap> upstreamHeaders = new CopyOnWriteArrayList<>();
    final TestServices services = new TestServices();
    final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    TestServices.TestRoute echo;
    Router router;
    int port;
    HttpClient client;

    RouterOptions options() {
        return RouterOptions.defaults().withPort(0);
    }

    /** HTTPS for the router under test; none unless a test class serves it. */
    Router.Https https() {
        return null;
    }

    /** The listener for calls from function containers; none unless a test class serves it. */
    Router.Cluster cluster() {
        return null;
    }

    @BeforeEach
    void startAll() throws Exception {
        vertx = Vertx.vertx();
        // The stand-in container takes headers as big as the router forwards (its own default is 8 KB).
        upstream = await(vertx.createHttpServer(new HttpServerOptions()
                .setMaxHeaderSize(2 * RouterVerticle.MAX_HEADER_BYTES).setMaxInitialLineLength(2 * RouterVerticle.MAX_HEADER_BYTES))
                .requestHandler(req -> {
            upstreamHeaders.add(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            upstreamHandler.handle(req);
        }).listen(0, "127.0.0.1"));
        upstreamPort = upstream.actualPort();
        echo = services.add(FN_HOST, "ns", "functions-echo", upstreamPort);
        router = new Router(vertx, services, options(), records::add, RequestMetrics.NONE, null, https());
        if (cluster() != null) {
            router.cluster(cluster());
        }
        port = await(router.start());
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stopAll() throws Exception {
        await(router.stop());
        await(vertx.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** A finished response: status, headers and the whole body. */
    record Reply(int status, MultiMap headers, String body) {
    }

    Reply send(HttpMethod method, String host, String uri, MultiMap headers, String body) throws Exception {
        RequestOptions request = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
        if (headers != null) {
            request.setHeaders(headers);
        }
        request.putHeader("Host", host);
        return await(client.request(request)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.headers(), b.toString()))));
    }

    Reply get(String host, String uri) throws Exception {
        return send(HttpMethod.GET, host, uri, null, null);
    }

    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

}
