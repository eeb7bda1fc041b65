package dev.devserver.router;

import dev.devserver.serving.ServiceDirectory;
import dev.devserver.serving.ServiceStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/** Requests to devserver's own hosts (localhost, 127.0.0.1, [::1]): health, then whatever the API mounts. */
final class OwnHostStep {
    private final ServiceDirectory services;
    private final Handler<HttpServerRequest> extra;

    OwnHostStep(ServiceDirectory services, Handler<HttpServerRequest> extra) {
        this.services = services;
        this.extra = extra;
    }

    void handle(HttpServerRequest request) {
        if (request.path().equals("/healthz") && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            health(request);
            return;
        }
        if (extra != null) {
            extra.handle(request);
        } else {
            Replies.text(request.response(), 404, "Not found: " + request.path());
        }
    }

    private void health(HttpServerRequest request) {
        List<ServiceStatus> notReady = services.statuses().stream().filter(s -> !s.ready()).toList();
        if (notReady.isEmpty()) {
            Replies.text(request.response(), 200, "ok");
            return;
        }
        StringBuilder body = new StringBuilder("not ready:\n");
        for (ServiceStatus status : notReady) {
            body.append(status.function()).append(" (").append(status.knativeService()).append("): ")
                    .append(status.reason() == null || status.reason().isBlank() ? "starting" : status.reason()).append('\n');
        }
        Replies.text(request.response(), 503, body.toString());
    }
}
