package dev.devserver.router;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the router: a server (Vert.x spreads connections over instances bound to the same
 * port) and its own client, so a proxied request stays on one thread from caller to container and back.
 * With HTTPS on, a second server on the HTTPS port feeds the same handler chain.
 */
final class RouterVerticle extends AbstractVerticle {
    /**
     * Well below Node's 5 s keepAliveTimeout: the pool's cleaner looks only once a second (later on a busy machine),
     * so at 4 s the router still reused connections Node was closing. Servers with shorter timeouts (gunicorn's 2 s)
     * can still close one under a request; {@link ProxyStep} resends that on a new connection.
     */
    private static final int UPSTREAM_KEEP_ALIVE_SECONDS = 2;
    /**
     * Queue-proxy is Go's net/http, whose default MaxHeaderBytes is 1 MiB: big cookies, JWTs and long query strings
     * pass on a cluster, so they pass here. Beyond it the request line gets 414 and the header section 431.
     */
    static final int MAX_HEADER_BYTES = 1024 * 1024;
    /** How long a request's header section may take to arrive once it started (slowloris bound). */
    static final int HEADER_READ_TIMEOUT_SECONDS = 10;

    private final Router router;
    private final int port;
    private HttpServer server;
    private HttpServer httpsServer;
    private HttpServer clusterServer;
    private HttpClient client;
    private HttpClient resendClient;
    private HttpClient h2cClient;

    RouterVerticle(Router router, int port) {
        this.router = router;
        this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
        RouterOptions options = router.options();
        client = upstreamClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(UPSTREAM_KEEP_ALIVE_SECONDS));
        resendClient = upstreamClient(new HttpClientOptions().setKeepAlive(false));
        h2cClient = upstreamClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false) // prior knowledge, as Knative's queue-proxy speaks to h2c ports
                .setKeepAlive(true));
        ProxyStep proxy = new ProxyStep(vertx, client, resendClient, h2cClient, options.revisionTimeout());
        UpgradeStep upgrade = new UpgradeStep(vertx, client, options.revisionTimeout(), proxy);
        ActivateStep activate = new ActivateStep(vertx, options.activationTimeout(), upgrade);
        RecordStep record = new RecordStep(router.requestListener(), router.metrics(), activate);
        OwnHostStep ownHost = new OwnHostStep(router.services(), router.ownHostHandler());
        NetworkProbeStep probe = new NetworkProbeStep(router.services(), record);
        RouteStep route = new RouteStep(router.services(), ownHost, router.drainStep(probe));
        server = vertx.createHttpServer(serverOptions(options).setPort(port)).requestHandler(route)
                .connectionHandler(RouterVerticle::accepted);
        Future<HttpServer> listening = server.listen();
        if (router.https() != null) {
            int httpsPort = router.https().listenPort();
            httpsServer = vertx.createHttpServer(serverOptions(options).setPort(httpsPort)
                            .setSsl(true)
                            .setKeyCertOptions(router.https().keyCert())
                            // ALPN comes with the JDK since 9: h2 for clients that offer it, HTTP/1.1 for the rest.
                            .setUseAlpn(true)
                            .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)))
                    .requestHandler(route)
                    .connectionHandler(RouterVerticle::accepted);
            listening = listening.compose(http -> httpsServer.listen().recover(e -> Future.failedFuture(
                    new IllegalStateException("HTTPS: " + e.getMessage(), e))));
        }
        if (router.cluster() != null) {
            RouteStep fromCluster = new RouteStep(router.services(), null, router.drainStep(probe));
            listening = listening.onSuccess(http -> listenCluster(options, fromCluster, CLUSTER_BIND_ATTEMPTS));
        }
        listening.<Void>mapEmpty().onComplete(started);
    }

    /** Podman brings a network's bridge (and so the gateway address) up only with its first container: wait for it. */
    private static final int CLUSTER_BIND_ATTEMPTS = 240;

    /** A new server each attempt: Vert.x refuses a second listen on a server whose first one failed. */
    private void listenCluster(RouterOptions options, RouteStep fromCluster, int attemptsLeft) {
        clusterServer = vertx.createHttpServer(serverOptions(options).setHost(router.cluster().host())
                .setPort(router.cluster().port())).requestHandler(fromCluster).connectionHandler(RouterVerticle::accepted);
        clusterServer.listen().onFailure(e -> {
            String why = String.valueOf(e.getMessage());
            if (why.contains("assign requested address") && attemptsLeft > 1) {
                vertx.setTimer(500, id -> listenCluster(options, fromCluster, attemptsLeft - 1));
            } else {
                router.clusterUnavailable(router.cluster().host() + ":" + router.cluster().port() + " (" + why + ")");
            }
        });
    }

    /** A client to containers; a container resetting a connection fails (and resends) the request on it, no more news. */
    private HttpClient upstreamClient(HttpClientOptions options) {
        return vertx.httpClientBuilder()
                .with(options.setConnectTimeout(5_000)
                        // What a container may answer with, as for requests (Go's transport allows even more).
                        .setMaxHeaderSize(MAX_HEADER_BYTES)
                        .setTcpNoDelay(true))
                .with(new PoolOptions().setHttp1MaxSize(1000))
                .withConnectHandler(connection -> connection.exceptionHandler(e -> { }))
                .build();
    }

    private HttpServerOptions serverOptions(RouterOptions options) {
        return new HttpServerOptions()
                .setHost(options.bindHost())
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_HEADER_BYTES)
                .setInitialSettings(new Http2Settings().setMaxHeaderListSize(MAX_HEADER_BYTES))
                .setIdleTimeout((int) options.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHandle100ContinueAutomatically(true)
                // No h2c from callers: its upgrade is a smuggling vector of its own, and with prior-knowledge detection
                // on, Vert.x 4.5 hands over the connection only after its first request, past HeaderGuard.
                .setHttp2ClearTextEnabled(false)
                // WebSockets to functions are spliced as bytes (UpgradeStep) and keep whatever compression the two ends
                // agree on; without these, Vert.x puts no extension handler in every connection's pipeline
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setTcpNoDelay(true);
    }

    /** A caller's connection: guard its header reads; a caller hanging up mid-request is logged as 499, not as an error. */
    private static void accepted(HttpConnection connection) {
        connection.exceptionHandler(e -> { });
        HeaderGuard.install(connection, HEADER_READ_TIMEOUT_SECONDS * 1000L);
    }

    int actualPort() {
        return server.actualPort();
    }

    int actualHttpsPort() {
        return httpsServer == null ? -1 : httpsServer.actualPort();
    }

    @Override
    public void stop(Promise<Void> stopped) {
        Future<Void> closed = Future.all(server.close(), httpsServer == null ? Future.succeededFuture() : httpsServer.close(),
                clusterServer == null ? Future.succeededFuture() : clusterServer.close()).mapEmpty();
        closed.eventually(() -> Future.all(client.close(), resendClient.close(), h2cClient.close())).<Void>mapEmpty().onComplete(stopped);
    }
}
