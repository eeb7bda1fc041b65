package dev.devserver.router;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Header rules for both directions of the proxy, and the forwarding headers Knative's runtime contract asks for. */
final class ForwardHeaders {
    /** RFC 9110 §7.6.1 connection-specific headers, plus Expect which the router answers itself (100-continue). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "expect");

    private ForwardHeaders() {
    }

    /**
     * Headers for the container: caller's end-to-end headers (Host kept) plus Forwarded, X-Forwarded-*, traceparent
     * and B3;
     * proto says https for requests that reached the router over TLS, as Knative's gateway does.
     */
    static MultiMap upstream(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        MultiMap in = request.headers();
        MultiMap out = copyEndToEnd(in);
        // RouteStep accepted exactly one Host (or HTTP/2 authority); containers speak HTTP/1.1 and need it as Host.
        String host = HostName.headers(request).get(0);
        String proto = request.isSSL() ? "https" : "http";
        out.set(HttpHeaders.HOST, host);
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = "for=" + quoteIfNeeded(remote.contains(":") ? "[" + remote + "]" : remote)
                + ";host=" + quoteIfNeeded(host) + ";proto=" + proto;
        out.set("Forwarded", appended(in.get("Forwarded"), forwarded));
        out.set("X-Forwarded-For", appended(in.get("X-Forwarded-For"), remote));
        out.set("X-Forwarded-Proto", proto);
        out.set("X-Forwarded-Host", host);
        out.set("traceparent", exchange.traceparent);
        B3Headers.addUnlessPresent(out, exchange.traceparent);
        return out;
    }

    /** Container's response headers for the caller, hop-by-hop ones dropped. */
    static MultiMap downstream(MultiMap in) {
        return copyEndToEnd(in);
    }

    private static MultiMap copyEndToEnd(MultiMap in) {
        Set<String> named = namedInConnection(in.get(HttpHeaders.CONNECTION));
        MultiMap out = HttpHeaders.headers();
        for (Map.Entry<String, String> header : in) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // HTTP/2 pseudo-headers (":path", …) describe the request line; they are no headers to pass on.
            if (!HOP_BY_HOP.contains(name) && !named.contains(name) && !name.startsWith(":")) {
                out.add(header.getKey(), header.getValue());
            }
        }
        return out;
    }

    /** Headers a sender lists in Connection are hop-by-hop too (RFC 9110 §7.6.1). */
    private static Set<String> namedInConnection(String connection) {
        if (connection == null || connection.isBlank()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String token : connection.split(",")) {
            names.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String appended(String existing, String value) {
        return existing == null || existing.isBlank() ? value : existing + ", " + value;
    }

    /** RFC 7239 values must be quoted unless they are a plain token (':' and '[' are not token characters). */
    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
                return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return value;
    }
}
