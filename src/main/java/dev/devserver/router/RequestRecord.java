package dev.devserver.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One request that reached a function's host, shaped like Knative's {@code logging.request-log-template}.
 *
 * @param host         the Host name the caller used (not in Knative's template; lets a log line show the full URL)
 * @param requestUrl   path and query as sent (Knative logs {@code Request.RequestURI})
 * @param requestSize  body bytes read from the caller
 * @param responseSize body bytes written to the caller
 * @param serverIp     the container endpoint {@code host:port} (Knative logs the pod IP), empty when none was reached
 * @param revision     empty when no container was reached (activation failed)
 */
public record RequestRecord(Instant timestamp, String namespace, String service, String revision, String host,
                            String requestMethod, String requestUrl, long requestSize, int status, long responseSize,
                            String userAgent, String remoteIp, String serverIp, String referer, Duration latency,
                            String protocol, String traceId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of JSON (no line breaks: Jackson escapes control characters inside strings). */
    public String toJson() {
        ObjectNode http = JSON.createObjectNode()
                .put("requestMethod", requestMethod)
                .put("requestUrl", requestUrl)
                .put("requestSize", Long.toString(requestSize))
                .put("status", status)
                .put("responseSize", Long.toString(responseSize))
                .put("userAgent", userAgent)
                .put("remoteIp", remoteIp)
                .put("serverIp", serverIp)
                .put("referer", referer)
                .put("latency", latencySeconds())
                .put("protocol", protocol);
        ObjectNode root = JSON.createObjectNode();
        root.set("httpRequest", http);
        root.put("traceId", traceId)
                .put("timestamp", timestamp.toString())
                .put("namespace", namespace)
                .put("service", service)
                .put("revision", revision)
                .put("host", host);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of strings and numbers", e);
        }
    }

    /** Knative's latency format: seconds with a trailing {@code s}, e.g. {@code 0.001234s}. */
    public String latencySeconds() {
        return String.format(Locale.ROOT, "%.6fs", latency.toNanos() / 1e9);
    }
}
