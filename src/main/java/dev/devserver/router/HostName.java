package dev.devserver.router;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns a Host header into the lower-cased name the directory is keyed by (port stripped). */
final class HostName {
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private HostName() {
    }

    /** @return the name, or empty when the header is missing or not a valid {@code host[:port]} */
    static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        String name;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            name = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
            if (!IPV6.matcher(name).matches()) {
                return Optional.empty();
            }
        } else {
            int colon = value.indexOf(':');
            name = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1); // a fully qualified name means the same host
            }
            if (!DNS_NAME.matcher(name).matches()) {
                return Optional.empty();
            }
        }
        if (port != null && !PORT.matcher(port).matches()) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /**
     * The request's Host values: the header for HTTP/1; for HTTP/2, whose clients send {@code :authority} instead
     * (RFC 9113 §8.3.1), the authority when no Host header came along.
     */
    static List<String> headers(HttpServerRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
        HostAndPort authority = request.authority();
        if (!hosts.isEmpty() || authority == null) {
            return hosts;
        }
        String name = authority.host();
        String host = name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
        return List.of(authority.port() < 0 ? host : host + ":" + authority.port());
    }

    /** Hosts that address devserver itself rather than a function. */
    static boolean isOwn(String name) {
        return OwnHosts.NAMES.contains(name);
    }
}
