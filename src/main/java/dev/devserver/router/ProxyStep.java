package dev.devserver.router;

import dev.devserver.serving.Endpoint;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;

/**
 * Last step: streams the request to the leased container and the response back, both with backpressure
 * (Vert.x pipes pause the reader while the writer's queue is full), so bodies of any size use flat memory.
 */
final class ProxyStep implements Handler<Exchange> {
    private final Vertx vertx;
    private final HttpClient client;
    private final Duration revisionTimeout;

    ProxyStep(Vertx vertx, HttpClient client, Duration revisionTimeout) {
        this.vertx = vertx;
        this.client = client;
        this.revisionTimeout = revisionTimeout;
    }

    @Override
    public void handle(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        Endpoint endpoint = exchange.lease().endpoint();
        // Knative's revision timeout bounds the wait for the container's response to start.
        long timer = vertx.setTimer(revisionTimeout.toMillis(), id -> exchange.fail(504, "Gateway Timeout: "
                + exchange.route.function() + " did not answer within " + revisionTimeout.toSeconds() + "s (revision timeout)"));
        exchange.onEnd(() -> vertx.cancelTimer(timer));
        send(exchange, endpoint, timer, RESENDS);
    }

    /** How often a request that failed before any answer may be sent again (see {@link #send}). */
    private static final int RESENDS = 2;

    /**
     * One attempt. A pooled keep-alive connection the container closes or resets just as the router reuses it fails
     * the request before any answer; under load that happens a few times a minute. Such a request is sent once more
     * on another connection when that is safe: nothing was sent yet (no connection), or it has no body and a safe
     * method (GET, HEAD, OPTIONS), as proxies do (nginx's proxy_next_upstream).
     */
    private void send(Exchange exchange, Endpoint endpoint, long timer, int resends) {
        boolean mayRetry = resends > 0;
        HttpServerRequest request = exchange.request;
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI(request.uri())
                .setHeaders(ForwardHeaders.upstream(exchange));
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                if (mayRetry && !exchange.ended()) {
                    send(exchange, endpoint, timer, resends - 1);
                    return;
                }
                exchange.fail(502, "Bad Gateway: cannot connect to " + exchange.route.function() + " at "
                        + endpoint.host() + ":" + endpoint.port() + ": " + ar.cause().getMessage());
                return;
            }
            HttpClientRequest upstream = ar.result();
            upstream.exceptionHandler(e -> { }); // reported through the response future below, not as a logged stack trace
            if (exchange.ended()) { // caller left or timed out while connecting
                upstream.reset();
                return;
            }
            exchange.onAbort(upstream::reset);
            exchange.onEnd(() -> {
                if (!exchange.response().ended()) {
                    upstream.reset(); // timed out or failed: don't leave the container's connection half used
                }
            });
            upstream.response().onComplete(response -> {
                if (response.succeeded()) {
                    vertx.cancelTimer(timer);
                    relay(exchange, upstream, response.result());
                } else if (mayRetry && !exchange.ended() && safeToResend(request)) {
                    send(exchange, endpoint, timer, resends - 1);
                } else if (!exchange.ended()) {
                    exchange.fail(502, "Bad Gateway: " + exchange.route.function() + " failed: " + response.cause().getMessage());
                }
            });
            sendBody(request, upstream);
        });
    }

    private static boolean safeToResend(HttpServerRequest request) {
        HttpMethod method = request.method();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS)
                && !request.headers().contains(HttpHeaders.CONTENT_LENGTH) && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static void sendBody(HttpServerRequest request, HttpClientRequest upstream) {
        MultiMap headers = request.headers();
        if (headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            upstream.putHeader(HttpHeaders.CONTENT_LENGTH, headers.get(HttpHeaders.CONTENT_LENGTH));
        } else if (headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            upstream.setChunked(true);
        } else { // HTTP/1.1 without either has no body
            request.resume();
            upstream.end();
            return;
        }
        request.pipe().endOnFailure(false).to(upstream).onFailure(e -> upstream.reset());
    }

    private static void relay(Exchange exchange, HttpClientRequest upstream, HttpClientResponse response) {
        HttpServerResponse out = exchange.response();
        if (exchange.ended()) {
            upstream.reset();
            return;
        }
        out.setStatusCode(response.statusCode()).setStatusMessage(response.statusMessage());
        out.headers().setAll(ForwardHeaders.downstream(response.headers()));
        if (hasBody(exchange.request, response.statusCode()) && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && exchange.request.version() != HttpVersion.HTTP_1_0) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onFailure(e -> {
            upstream.reset();
            if (!out.ended()) {
                out.reset();
            }
        });
    }

    private static boolean hasBody(HttpServerRequest request, int status) {
        return request.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }
}
