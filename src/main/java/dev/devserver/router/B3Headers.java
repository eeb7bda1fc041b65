package dev.devserver.router;

import io.vertx.core.MultiMap;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Zipkin B3 propagation next to W3C's traceparent, as Knative's conformance test expects ({@code x-b3-traceid},
 * {@code x-b3-spanid}): a caller's B3 headers pass through untouched; otherwise they are derived from the same trace
 * and span ids the container gets in {@code traceparent}, so both formats name one span.
 */
final class B3Headers {
    static final String TRACE_ID = "X-B3-TraceId";
    static final String SPAN_ID = "X-B3-SpanId";
    static final String SAMPLED = "X-B3-Sampled";
    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");
    private static final Pattern SPAN = Pattern.compile("[0-9a-f]{16}");

    private B3Headers() {
    }

    /** Adds B3 headers derived from {@code traceparent} unless the caller sent B3 (multi-header or single {@code b3}). */
    static void addUnlessPresent(MultiMap upstream, String traceparent) {
        if (upstream.contains(TRACE_ID) || upstream.contains("b3")) {
            return;
        }
        upstream.set(TRACE_ID, TraceParent.traceId(traceparent));
        upstream.set(SPAN_ID, TraceParent.spanId(traceparent));
        upstream.set(SAMPLED, TraceParent.sampled(traceparent) ? "1" : "0");
    }

    /**
     * A traceparent carrying a caller's valid B3 ids, so a trace started by a B3-only client (Zipkin) joins up with
     * the container's W3C-instrumented code; null when the caller sent no usable B3.
     */
    static String asTraceparent(MultiMap incoming) {
        String trace = lower(incoming.get(TRACE_ID));
        String span = lower(incoming.get(SPAN_ID));
        if (trace == null || span == null || !TRACE.matcher(trace).matches() || !SPAN.matcher(span).matches()) {
            return null;
        }
        String sampled = incoming.get(SAMPLED);
        boolean sampledFlag = !"0".equals(sampled) && !"false".equalsIgnoreCase(sampled);
        String candidate = "00-" + "0".repeat(32 - trace.length()) + trace + "-" + span + (sampledFlag ? "-01" : "-00");
        return TraceParent.isValid(candidate) ? candidate : null;
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
