package dev.devserver.project;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes naming rules, name sanitising and "did you mean" distances (public ones: also used by `init`). */
public final class Names {
    static final int LABEL_MAX = 63;
    static final int SUBDOMAIN_MAX = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LABEL_KEY_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private Names() {
    }

    /** Characters allowed in a DNS-1123 label, ignoring the length limit (checked separately with a better hint). */
    static boolean isLabelShape(String s) {
        return LABEL.matcher(s).matches();
    }

    public static boolean isLabel(String s) {
        return s.length() <= LABEL_MAX && isLabelShape(s);
    }

    static boolean isSubdomain(String s) {
        return s.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(s).matches();
    }

    static boolean isEnvName(String s) {
        return ENV_NAME.matcher(s).matches();
    }

    /** Kubernetes label key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
    static boolean isLabelKey(String s) {
        int slash = s.lastIndexOf('/');
        String name = s.substring(slash + 1);
        boolean prefixOk = slash < 0 || isSubdomain(s.substring(0, slash));
        return prefixOk && name.length() <= LABEL_MAX && LABEL_KEY_NAME.matcher(name).matches();
    }

    static boolean isLabelValue(String s) {
        return s.isEmpty() || (s.length() <= LABEL_MAX && LABEL_KEY_NAME.matcher(s).matches());
    }

    /** Lower-cases, turns every invalid character into '-', trims '-' at both ends and cuts to 63 characters. */
    public static String sanitizeLabel(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
        s = trimDashes(s);
        return s.length() > LABEL_MAX ? trimDashes(s.substring(0, LABEL_MAX)) : s;
    }

    private static String trimDashes(String s) {
        return s.replaceAll("^-+", "").replaceAll("-+$", "");
    }

    /** Levenshtein distance; inputs here are short keys, so the O(n*m) table is fine. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The candidate within distance 2 of {@code typed}, or null when nothing is that close. */
    static String nearMiss(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = distance(typed.toLowerCase(Locale.ROOT), c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }
}
