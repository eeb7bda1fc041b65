package dev.devserver.api;

import dev.devserver.router.OwnHosts;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * First handler on every API and UI request: security headers, then who may talk to us.
 * The router only hands us devserver's own hosts, but a page on another site can still make a browser send
 * requests here (CSRF), so state-changing calls must come from our own origin; Host is re-checked in case the
 * handler is ever mounted elsewhere (DNS rebinding relies on a foreign Host reaching us).
 */
final class Access implements Handler<RoutingContext> {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final IntSupplier port;
    private final IntSupplier httpsPort;

    /** @param httpsPort the router's HTTPS port, or a negative number when it serves none */
    Access(IntSupplier port, IntSupplier httpsPort) {
        this.port = port;
        this.httpsPort = httpsPort;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin");
        if (!OwnHosts.NAMES.contains(hostName(host(request)))) {
            ApiReplies.error(ctx, 403, "devserver answers its API only on localhost, 127.0.0.1 and [::1]");
            return;
        }
        if (!SAFE.contains(request.method()) && !sameOrigin(request)) {
            ApiReplies.error(ctx, 403, "cross-origin request refused: state-changing calls must come from the dev UI ("
                    + "http://localhost:" + port.getAsInt() + ")");
            return;
        }
        ctx.next();
    }

    /** No Origin (curl, scripts) is fine; a browser always sends one on cross-site POSTs, so a foreign one is refused. */
    private boolean sameOrigin(HttpServerRequest request) {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        return ownOrigins().contains(origin.toLowerCase(Locale.ROOT));
    }

    /** The dev UI's origins: every own host on the HTTP port, and on the HTTPS port when there is one. */
    Set<String> ownOrigins() {
        Set<String> origins = new HashSet<>();
        int http = port.getAsInt();
        int https = httpsPort.getAsInt();
        for (String host : OwnHosts.NAMES) {
            // Browsers leave the scheme's default port out of Origin.
            origins.add(http == 80 ? "http://" + host : "http://" + host + ":" + http);
            if (https > 0) {
                origins.add(https == 443 ? "https://" + host : "https://" + host + ":" + https);
            }
        }
        return origins;
    }

    /** HTTP/1 sends Host; HTTP/2 sends :authority instead. */
    private static String host(HttpServerRequest request) {
        String header = request.getHeader("Host");
        if (header != null || request.authority() == null) {
            return header;
        }
        String name = request.authority().host();
        return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
    }

    /** The Host header's name part, lower-cased; "" when missing. */
    static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? "" : value.substring(0, close + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
