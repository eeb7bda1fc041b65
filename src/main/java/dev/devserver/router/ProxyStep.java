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
import io.vertx.core.net.HostAndPort;

import java.time.Duration;

/**
 * Last step: streams the request to the leased container and the response back, both with backpressure
 * (Vert.x pipes pause the reader while the writer's queue is full), so bodies of any size use flat memory.
 */
final class ProxyStep implements Handler<Exchange> {
    private final Vertx vertx;
    private final HttpClient client;
    private final HttpClient resendClient;
    private final HttpClient h2cClient;
    private final Duration revisionTimeout;

    /**
     * @param resendClient opens a new connection for every request: a resend must not take another pooled connection,
     *                     which the container may be closing at the same moment (it closes the ones idle as long)
     * @param h2cClient    speaks HTTP/2 with prior knowledge, for revisions whose port is named h2c (gRPC)
     */
    ProxyStep(Vertx vertx, HttpClient client, HttpClient resendClient, HttpClient h2cClient, Duration revisionTimeout) {
        this.vertx = vertx;
        this.client = client;
        this.resendClient = resendClient;
        this.h2cClient = h2cClient;
        this.revisionTimeout = revisionTimeout;
    }

    @Override
    public void handle(Exchange exchange) {
        long timer = ResponseTimeout.start(vertx, exchange, revisionTimeout);
        send(exchange, exchange.lease().endpoint(), timer, RESENDS);
    }

    /** How often a request that failed before any answer may be sent again (see {@link #send}). */
    private static final int RESENDS = 2;

    /**
     * One attempt. A pooled keep-alive connection the container closes or resets just as the router reuses it fails
     * the request before any answer; under load that happens a few times a minute. Such a request is sent once more
     * on a new connection when that is safe: nothing was sent yet (no connection), or it has no body and a safe
     * method (GET, HEAD, OPTIONS), as proxies do (nginx's proxy_next_upstream).
     */
    private void send(Exchange exchange, Endpoint endpoint, long timer, int resends) {
        boolean mayRetry = resends > 0;
        HttpServerRequest request = exchange.request;
        boolean h2c = exchange.lease().h2c();
        MultiMap headers = ForwardHeaders.upstream(exchange);
        String host = headers.get(HttpHeaders.HOST);
        if (h2c) { // HTTP/2 carries Host as :authority; gRPC servers require "te: trailers" (RFC 9113 §8.2.2)
            headers.remove(HttpHeaders.HOST);
            if ("trailers".equalsIgnoreCase(request.getHeader("te"))) {
                headers.set("te", "trailers");
            }
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI(request.uri())
                .setHeaders(headers);
        (h2c ? h2cClient : resends < RESENDS ? resendClient : client).request(options).onComplete(ar -> {
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
            if (h2c) {
                upstream.authority(HostAndPort.parseAuthority(host, -1));
            }
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

    /** An HTTP/2 request frames its body without a length (gRPC's POST); GET and HEAD are taken to have none. */
    private static boolean http2Body(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2 && request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD;
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
        } else if (headers.contains(HttpHeaders.TRANSFER_ENCODING) || http2Body(request)) {
            upstream.setChunked(true); // for an HTTP/1.1 container; HTTP/2 frames the body itself
        } else { // HTTP/1.1 without either has no body
            request.resume();
            upstream.end();
            return;
        }
        request.pipe().endOnFailure(false).to(upstream).onFailure(e -> upstream.reset());
    }

    /** Streams the container's answer to the caller. */
    static void relay(Exchange exchange, HttpClientRequest upstream, HttpClientResponse response) {
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
        // Trailers (gRPC's grpc-status) follow the body: the pipe leaves the end to us so they go with it.
        response.pipe().endOnComplete(false).endOnFailure(false).to(out).onComplete(piped -> {
            if (piped.succeeded()) {
                if (!response.trailers().isEmpty()) {
                    out.trailers().setAll(response.trailers());
                }
                out.end();
                return;
            }
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
