package dev.devserver.router;

import dev.devserver.serving.Lease;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Log and metrics step: when the exchange ends, builds its {@link RequestRecord} and hands it on. */
final class RecordStep implements Handler<Exchange> {
    private final Consumer<RequestRecord> listener;
    private final RequestMetrics metrics;
    private final Handler<Exchange> next;

    RecordStep(Consumer<RequestRecord> listener, RequestMetrics metrics, Handler<Exchange> next) {
        this.listener = listener;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handle(Exchange exchange) {
        RequestMetrics sink = metrics;
        sink.started(exchange.route);
        exchange.onEnd(() -> {
            RequestRecord record = record(exchange);
            sink.ended(exchange.route, record);
            listener.accept(record);
        });
        next.handle(exchange);
    }

    static RequestRecord record(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        Lease lease = exchange.lease();
        SocketAddress remote = request.remoteAddress();
        long nanos = System.nanoTime() - exchange.startNanos;
        return new RequestRecord(
                Instant.now().minusNanos(nanos),
                exchange.route.namespace(),
                exchange.route.knativeService(),
                lease == null ? "" : lease.revision(),
                exchange.hostName,
                request.method().name(),
                request.uri(),
                request.bytesRead(),
                exchange.aborted() ? Exchange.CLIENT_CLOSED : exchange.response().getStatusCode(),
                exchange.response().bytesWritten(),
                orEmpty(request.getHeader(HttpHeaders.USER_AGENT)),
                remote == null ? "" : remote.hostAddress(),
                lease == null ? "" : lease.endpoint().host() + ":" + lease.endpoint().port(),
                orEmpty(request.getHeader(HttpHeaders.REFERER)),
                Duration.ofNanos(nanos),
                protocol(request),
                orEmpty(exchange.traceId));
    }

    private static String protocol(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2.0";
        };
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
