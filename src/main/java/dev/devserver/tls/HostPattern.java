package dev.devserver.tls;

import java.util.Locale;

/**
 * Does a certificate's DNS name cover a host? RFC 6125 §6.4 as browsers apply it: names compare case-insensitively,
 * and a wildcard is only a whole left-most label ({@code *.example.com}) that stands for exactly one label, so it
 * covers {@code a.example.com} but neither {@code example.com} nor {@code a.b.example.com}.
 */
public final class HostPattern {
    private HostPattern() {
    }

    public static boolean covers(String pattern, String host) {
        String p = normalize(pattern);
        String h = normalize(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return !p.contains("*") && p.equals(h);
        }
        String parent = p.substring(2);
        // "*.com"-style patterns (a single label after the star) would span a whole top-level domain: never honoured.
        if (parent.contains("*") || !parent.contains(".")) {
            return false;
        }
        int firstDot = h.indexOf('.');
        return firstDot > 0 && h.substring(firstDot + 1).equals(parent);
    }

    /** Lower-cased, without the trailing dot of a fully qualified name. */
    private static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
