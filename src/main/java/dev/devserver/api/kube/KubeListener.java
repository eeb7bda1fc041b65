package dev.devserver.api.kube;

import dev.devserver.DevserverException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;

import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTPS port for the API when the router has no HTTPS of devserver's own CA: kubectl (client-go's
 * clientcmd) sends a kubeconfig's credentials only over TLS, so a bearer token over plain HTTP would never arrive.
 * HTTP/1.1 only (no h2 offered by ALPN): client-go then speaks HTTP/1.1, and kubectl's calls no longer load netty's
 * and Vert.x's HTTP/2 server into an idle `up` (~200 classes, 2-3 MB of RSS by bench/kubectl-bench.sh).
 */
public final class KubeListener implements AutoCloseable {
    private final HttpServer server;

    private KubeListener(HttpServer server) {
        this.server = server;
    }

    /** Binds a free port on {@code host} (loopback unless `up --host` said otherwise). */
    public static KubeListener start(Vertx vertx, String host, Handler<HttpServerRequest> api, PemKeyCertOptions keyCert) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(0).setSsl(true).setKeyCertOptions(keyCert)
                .setUseAlpn(false).setMaxHeaderSize(16 * 1024)
                // kubectl's calls are plain HTTP/1.1 (watch and logs -f are chunked): no WebSocket extension handler
                // in each connection's pipeline
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
        try {
            HttpServer server = vertx.createHttpServer(options).requestHandler(api).listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new KubeListener(server);
        } catch (Exception e) {
            throw new DevserverException("Cannot open the Kubernetes API's HTTPS port on " + host + ": " + e.getMessage());
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
