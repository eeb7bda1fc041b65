package dev.devserver.router;

import io.vertx.core.MultiMap;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C trace context: keep a caller's valid {@code traceparent} (or B3 ids) so traces join up, otherwise start one. */
final class TraceParent {
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceParent() {
    }

    /** The caller's valid traceparent, else one carrying the caller's B3 ids, else a new trace. */
    static String keepOrCreate(MultiMap headers) {
        String traceparent = headers.get("traceparent");
        if (isValid(traceparent)) {
            return traceparent;
        }
        String fromB3 = B3Headers.asTraceparent(headers);
        return fromB3 != null ? fromB3 : create();
    }

    static boolean isValid(String header) {
        return header != null
                && VALID.matcher(header).matches()
                && !header.startsWith("ff") // version ff is forbidden by the spec
                && !header.substring(3, 35).equals("0".repeat(32))
                && !header.substring(36, 52).equals("0".repeat(16));
    }

    /** The 32-hex trace id inside a valid traceparent. */
    static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** The 16-hex id of the caller's span (W3C's parent-id) inside a valid traceparent. */
    static String spanId(String traceparent) {
        return traceparent.substring(36, 52);
    }

    /** The sampled flag (bit 0 of trace-flags) of a valid traceparent. */
    static boolean sampled(String traceparent) {
        return (Integer.parseInt(traceparent.substring(53, 55), 16) & 1) == 1;
    }

    static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(55).append("00-");
        hex(out, random.nextLong() | 1L); // never all zeros
        hex(out, random.nextLong());
        out.append('-');
        hex(out, random.nextLong() | 1L);
        return out.append("-01").toString();
    }

    private static void hex(StringBuilder out, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (value >>> shift) & 0xf]);
        }
    }
}
