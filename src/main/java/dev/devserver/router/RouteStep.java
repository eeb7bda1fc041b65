package dev.devserver.router;

import dev.devserver.serving.ServiceDirectory;
import dev.devserver.serving.ServiceRoute;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Optional;

/** First step: reject ambiguous framing, then pick devserver itself or a function by the Host header. */
final class RouteStep implements Handler<HttpServerRequest> {
    private final ServiceDirectory services;
    private final OwnHostStep ownHost;
    private final Handler<Exchange> next;

    RouteStep(ServiceDirectory services, OwnHostStep ownHost, Handler<Exchange> next) {
        this.services = services;
        this.ownHost = ownHost;
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        // Both headers at once is the classic request-smuggling shape (RFC 9112 §6.1): refuse it outright.
        if (request.headers().contains(HttpHeaders.CONTENT_LENGTH) && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            Replies.badRequestAndClose(request.response(), "Bad request: both Content-Length and Transfer-Encoding are set");
            return;
        }
        List<String> hosts = HostName.headers(request);
        Optional<String> name = hosts.size() == 1 ? HostName.parse(hosts.get(0)) : Optional.empty();
        if (name.isEmpty()) {
            Replies.badRequestAndClose(request.response(), "Bad request: missing or malformed Host header");
            return;
        }
        String host = name.get();
        if (HostName.isOwn(host)) {
            ownHost.handle(request);
            return;
        }
        Optional<ServiceRoute> route = services.find(host);
        if (route.isEmpty()) {
            Replies.html(request.response(), 404, NotFoundPage.render(host, services.statuses()));
            return;
        }
        // Hold the body until a container is ready: Vert.x drops body data that arrives with no handler set.
        request.pause();
        next.handle(new Exchange(request, host, route.get()));
    }
}
