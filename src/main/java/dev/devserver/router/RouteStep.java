package dev.devserver.router;

import dev.devserver.serving.ServiceDirectory;
import dev.devserver.serving.ServiceRoute;
import dev.devserver.serving.ServiceStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * First step: reject ambiguous framing, then pick devserver itself or a function by the Host header. On the host's
 * listener only public names route and cluster-local services are not found; on the cluster listener (calls from
 * function containers) cluster names route too, every service is found, and devserver's own hosts are not served.
 */
final class RouteStep implements Handler<HttpServerRequest> {
    private final ServiceDirectory services;
    private final OwnHostStep ownHost;
    private final Handler<Exchange> next;
    private final boolean fromCluster;

    /** @param ownHost null on the cluster listener */
    RouteStep(ServiceDirectory services, OwnHostStep ownHost, Handler<Exchange> next) {
        this.services = services;
        this.ownHost = ownHost;
        this.next = next;
        this.fromCluster = ownHost == null;
    }

    /**
     * Framing another parser could read differently, so the router refuses rather than guess (RFC 9112 §6.1, §6.3):
     * Content-Length together with Transfer-Encoding;
     * a Transfer-Encoding other than exactly one {@code chunked}, or one on HTTP/1.0; several Content-Length values.
     * Obsolete line folding is refused earlier, by {@link HeaderGuard}.
     */
    static String ambiguousFraming(HttpServerRequest request) {
        List<String> encodings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!encodings.isEmpty() && request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            return "both Content-Length and Transfer-Encoding are set"; // the classic smuggling shape
        }
        if (!encodings.isEmpty()) {
            if (request.version() == HttpVersion.HTTP_1_0) {
                return "Transfer-Encoding is not allowed in HTTP/1.0";
            }
            if (encodings.size() != 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")) {
                return "unsupported Transfer-Encoding " + encodings + " (only a single \"chunked\" is accepted)";
            }
        }
        List<String> lengths = request.headers().getAll(HttpHeaders.CONTENT_LENGTH);
        if (lengths.size() > 1 || (lengths.size() == 1 && !lengths.get(0).trim().matches("[0-9]{1,18}"))) {
            return "conflicting or malformed Content-Length " + lengths;
        }
        return null;
    }

    /** True when {@code host} ends with the namespace and domain of the function at {@code url} (all but its first label). */
    static boolean sameDomain(String host, String url) {
        try {
            String own = URI.create(url).getHost();
            int dot = own == null ? -1 : own.indexOf('.');
            return dot > 0 && host.endsWith(own.substring(dot).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (HeaderGuard.refused(request.connection())) { // pipelined behind a refused request: its framing is unknown
            request.connection().close();
            return;
        }
        String framing = ambiguousFraming(request);
        if (framing != null) {
            HeaderGuard.refuseRest(request.connection());
            Replies.badRequestAndClose(request.response(), "Bad request: " + framing);
            return;
        }
        List<String> hosts = HostName.headers(request);
        Optional<String> name = hosts.size() == 1 ? HostName.parse(hosts.get(0)) : Optional.empty();
        if (name.isEmpty()) {
            Replies.badRequestAndClose(request.response(), "Bad request: missing or malformed Host header");
            return;
        }
        String host = name.get();
        if (!fromCluster && HostName.isOwn(host)) {
            ownHost.handle(request);
            return;
        }
        Optional<ServiceRoute> route = fromCluster ? services.findFromCluster(host)
                : services.find(host).filter(r -> !r.clusterLocal());
        if (route.isEmpty()) {
            // The list of functions helps a typo in the project's domain; a foreign name (a DNS-rebinding page's
            // evil.com) learns nothing about the project.
            List<ServiceStatus> statuses = services.statuses();
            Replies.html(request.response(), 404, NotFoundPage.render(host,
                    statuses.stream().anyMatch(s -> sameDomain(host, s.url())) ? statuses : List.of()));
            return;
        }
        // Hold the body until a container is ready: Vert.x drops body data that arrives with no handler set.
        request.pause();
        next.handle(new Exchange(request, host, route.get(), fromCluster));
    }
}
