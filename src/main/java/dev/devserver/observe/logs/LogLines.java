package dev.devserver.observe.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.router.RequestRecord;

import java.time.Instant;

/**
 * The JSON shape of every log line devserver keeps, and the one way they are written: Jackson, one line each
 * (Jackson escapes control characters inside strings, so a line break in a value never splits a line).
 * Request lines follow Knative's {@code logging.request-log-template}; container lines carry the function, the
 * revision, the stream and the message. `up --json` prints the same objects.
 */
public final class LogLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogLines() {
    }

    public static ObjectNode request(RequestRecord record) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("httpRequest")
                .put("requestMethod", record.requestMethod())
                .put("requestUrl", record.requestUrl())
                .put("requestSize", Long.toString(record.requestSize()))
                .put("status", record.status())
                .put("responseSize", Long.toString(record.responseSize()))
                .put("userAgent", record.userAgent())
                .put("remoteIp", record.remoteIp())
                .put("serverIp", record.serverIp())
                .put("referer", record.referer())
                .put("latency", latencySeconds(record))
                .put("protocol", record.protocol());
        return root.put("traceId", record.traceId())
                .put("timestamp", record.timestamp().toString())
                .put("namespace", record.namespace())
                .put("service", record.service())
                .put("revision", record.revision())
                .put("host", record.host());
    }

    public static ObjectNode container(Instant at, String function, String revision, boolean stderr, String text) {
        return JSON.createObjectNode().put("timestamp", at.toString()).put("function", function).put("revision", revision)
                .put("stream", stderr ? "stderr" : "stdout").put("message", text);
    }

    /** The object as one line of JSON, without the line break. */
    public static String line(ObjectNode object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of strings and numbers", e);
        }
    }

    /** Knative's latency format: seconds with a trailing {@code s}, e.g. {@code 0.001234s}. */
    static String latencySeconds(RequestRecord record) {
        return fixed((record.latency().toNanos() + 500) / 1000, 6) + "s"; // microseconds, rounded half up as %.6f does
    }

    /**
     * {@code scaled} (a count of 10^-places units, not negative) as a decimal with {@code places} digits after the point:
     * fixed(1234, 6) is "0.001234". Written for every request, and String.format's parser costs more than the request's
     * own JSON.
     */
    public static String fixed(long scaled, int places) {
        String digits = Long.toString(scaled);
        if (digits.length() <= places) {
            digits = "0".repeat(places + 1 - digits.length()) + digits;
        }
        int point = digits.length() - places;
        return digits.substring(0, point) + "." + digits.substring(point);
    }
}
