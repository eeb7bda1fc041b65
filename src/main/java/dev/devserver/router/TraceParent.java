package dev.devserver.router;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C trace context: keep a caller's valid {@code traceparent} so traces join up, otherwise start one. */
final class TraceParent {
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceParent() {
    }

    static String keepOrCreate(String header) {
        return isValid(header) ? header : create();
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
