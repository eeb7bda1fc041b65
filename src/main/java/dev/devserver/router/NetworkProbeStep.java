package dev.devserver.router;

import dev.devserver.serving.ServiceDirectory;
import dev.devserver.serving.ServiceStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Knative's probe header {@code K-Network-Probe}, answered here as the revision's queue-proxy and the ingress answer
 * it, so a probe never reaches user code and is not logged as a request (Knative's
 * {@code logging.enable-probe-request-log} is off by default):
 * {@code queue} → 200 {@code queue} while the revision is ready, else 503; {@code probe} → 200 echoing
 * {@code K-Network-Hash} (400 without it); any other value → 400.
 */
final class NetworkProbeStep implements Handler<Exchange> {
    static final String PROBE = "K-Network-Probe";
    static final String HASH = "K-Network-Hash";

    private final ServiceDirectory services;
    private final Handler<Exchange> next;

    NetworkProbeStep(ServiceDirectory services, Handler<Exchange> next) {
        this.services = services;
        this.next = next;
    }

    @Override
    public void handle(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        String probe = request.getHeader(PROBE);
        if (probe == null || probe.isEmpty()) {
            next.handle(exchange);
            return;
        }
        request.resume(); // a probe's body, if any, is not read
        switch (probe) {
            case "queue" -> {
                if (ready(exchange)) {
                    Replies.text(exchange.response(), 200, "queue");
                } else {
                    Replies.text(exchange.response(), 503, "container not ready");
                }
            }
            case "probe" -> {
                String hash = request.getHeader(HASH);
                if (hash == null || hash.isEmpty()) {
                    Replies.text(exchange.response(), 400, "a probe request must contain a non-empty \"" + HASH + "\" header");
                } else {
                    exchange.response().putHeader(HASH, hash);
                    Replies.text(exchange.response(), 200, "");
                }
            }
            default -> Replies.text(exchange.response(), 400, "unexpected probe header value: " + probe);
        }
    }

    private boolean ready(Exchange exchange) {
        return services.statuses().stream().filter(s -> s.knativeService().equals(exchange.route.knativeService()))
                .anyMatch(ServiceStatus::ready);
    }
}
