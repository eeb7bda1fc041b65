package dev.devserver.router;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;

import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the router: a server (Vert.x spreads connections over instances bound to the same
 * port) and its own client, so a proxied request stays on one thread from caller to container and back.
 */
final class RouterVerticle extends AbstractVerticle {
    /** Below Node's 5 s keepAliveTimeout, so the router never reuses a connection the container is closing. */
    private static final int UPSTREAM_KEEP_ALIVE_SECONDS = 4;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** How long a request's header section may take to arrive once it started (slowloris bound). */
    static final int HEADER_READ_TIMEOUT_SECONDS = 10;

    private final Router router;
    private final int port;
    private HttpServer server;
    private HttpClient client;

    RouterVerticle(Router router, int port) {
        this.router = router;
        this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
        RouterOptions options = router.options();
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(UPSTREAM_KEEP_ALIVE_SECONDS)
                        .setConnectTimeout(5_000)
                        .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(1000));
        ProxyStep proxy = new ProxyStep(vertx, client, options.revisionTimeout());
        ActivateStep activate = new ActivateStep(vertx, options.activationTimeout(), proxy);
        RecordStep record = new RecordStep(router.requestListener(), router::metrics, activate);
        OwnHostStep ownHost = new OwnHostStep(router.services(), router::ownHostHandler);
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(options.bindHost())
                        .setPort(port)
                        .setMaxHeaderSize(MAX_HEADER_BYTES)
                        // Longer than the revision timeout so a slow but legal answer is never cut by idleness.
                        .setIdleTimeout((int) options.revisionTimeout().toSeconds() + 10)
                        .setIdleTimeoutUnit(TimeUnit.SECONDS)
                        .setHandle100ContinueAutomatically(true)
                        // No h2c upgrade: it is a smuggling vector of its own, and HeaderGuard must see the first bytes.
                        .setHttp2ClearTextEnabled(false)
                        .setTcpNoDelay(true))
                .connectionHandler(connection -> HeaderGuard.install(connection, HEADER_READ_TIMEOUT_SECONDS * 1000L))
                .requestHandler(new RouteStep(router.services(), ownHost, record));
        server.listen().<Void>mapEmpty().onComplete(started);
    }

    int actualPort() {
        return server.actualPort();
    }

    @Override
    public void stop(Promise<Void> stopped) {
        server.close().eventually(() -> client.close()).onComplete(stopped);
    }
}
