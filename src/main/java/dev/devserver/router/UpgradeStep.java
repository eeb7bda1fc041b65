package dev.devserver.router;

import dev.devserver.serving.Endpoint;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;

import java.time.Duration;
import java.util.Locale;

/**
 * Protocol upgrades (WebSocket): the handshake goes to the container with its {@code Connection: Upgrade} and
 * {@code Upgrade} headers, and once the container answers 101 the two connections are spliced, bytes flowing both
 * ways until either side closes. The lease is held meanwhile, so a WebSocket counts against the concurrency limit as
 * on Knative. Any other answer is relayed as usual. Everything else goes on to {@link ProxyStep}.
 */
final class UpgradeStep implements Handler<Exchange> {
    private final Vertx vertx;
    private final HttpClient client;
    private final Duration revisionTimeout;
    private final Handler<Exchange> next;

    UpgradeStep(Vertx vertx, HttpClient client, Duration revisionTimeout, Handler<Exchange> next) {
        this.vertx = vertx;
        this.client = client;
        this.revisionTimeout = revisionTimeout;
        this.next = next;
    }

    /** An HTTP/1.1 upgrade to another protocol; h2c is not one (the router refuses that smuggling vector). */
    static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        return request.version() == HttpVersion.HTTP_1_1 && upgrade != null && !upgrade.isBlank()
                && !upgrade.trim().equalsIgnoreCase("h2c") && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    @Override
    public void handle(Exchange exchange) {
        if (!isUpgrade(exchange.request) || exchange.lease().h2c()) {
            next.handle(exchange);
            return;
        }
        long timer = ResponseTimeout.start(vertx, exchange, revisionTimeout);
        Endpoint endpoint = exchange.lease().endpoint();
        MultiMap headers = ForwardHeaders.upstream(exchange)
                .set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE)
                .set(HttpHeaders.UPGRADE, exchange.request.getHeader(HttpHeaders.UPGRADE));
        RequestOptions options = new RequestOptions().setMethod(exchange.request.method()).setHost(endpoint.host())
                .setPort(endpoint.port()).setURI(exchange.request.uri()).setHeaders(headers);
        client.request(options).compose(upstream -> {
            upstream.exceptionHandler(e -> { });
            exchange.onAbort(upstream::reset);
            return upstream.connect().onSuccess(response -> {
                vertx.cancelTimer(timer);
                answered(exchange, upstream, response);
            });
        }).onFailure(e -> exchange.fail(502, "Bad Gateway: " + exchange.route.function() + " at " + endpoint.host()
                + ":" + endpoint.port() + " failed the upgrade: " + e.getMessage()));
    }

    private static void answered(Exchange exchange, HttpClientRequest upstream, HttpClientResponse response) {
        if (exchange.ended()) {
            upstream.reset();
            return;
        }
        if (response.statusCode() != 101) { // the container declined the upgrade: an ordinary answer
            ProxyStep.relay(exchange, upstream, response);
            return;
        }
        NetSocket container = response.netSocket();
        exchange.response().headers().setAll(ForwardHeaders.downstream(response.headers()))
                .set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE)
                .set(HttpHeaders.UPGRADE, response.headers().get(HttpHeaders.UPGRADE));
        exchange.request.toNetSocket().onComplete(accepted -> {
            if (accepted.failed()) {
                container.close();
                exchange.tunnelClosed();
                return;
            }
            NetSocket caller = accepted.result();
            caller.closeHandler(v -> {
                container.close();
                exchange.tunnelClosed();
            });
            container.closeHandler(v -> caller.close());
            caller.pipeTo(container);
            container.pipeTo(caller);
        });
    }
}
