package dev.devserver.project;

import java.util.List;

/** The runtime aliases GitLab Serverless documents; anything else in {@code runtime:} is a custom runtime. */
public final class Runtimes {
    public static final List<String> ALIASES = List.of(
            "gitlab/runtimes/go", "gitlab/runtimes/nodejs", "gitlab/runtimes/ruby",
            "openfaas/classic/csharp", "openfaas/classic/go", "openfaas/classic/node", "openfaas/classic/php7",
            "openfaas/classic/python", "openfaas/classic/python3", "openfaas/classic/ruby");

    private Runtimes() {
    }

    /** True for a URL or local path runtime; false for a known alias and for null (Dockerfile in source). */
    public static boolean isCustom(String runtime) {
        return runtime != null && !ALIASES.contains(runtime);
    }

    /** GitLab runtimes hand {@code handler} to the template, so they need one. */
    static boolean isGitlab(String runtime) {
        return runtime != null && runtime.startsWith("gitlab/runtimes/") && ALIASES.contains(runtime);
    }

    /** OpenFaaS classic templates locate the handler by convention; {@code handler} is ignored. */
    static boolean isOpenfaas(String runtime) {
        return runtime != null && runtime.startsWith("openfaas/classic/") && ALIASES.contains(runtime);
    }

    /** The alias closest to what the user typed: whole aliases for "a/b/c", last segments for a short "ruby". */
    public static String closestAlias(String typed) {
        boolean full = typed.contains("/");
        String best = ALIASES.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String alias : ALIASES) {
            int d = full ? Names.distance(typed, alias) : Names.distance(typed, alias.substring(alias.lastIndexOf('/') + 1));
            if (d < bestDistance) {
                bestDistance = d;
                best = alias;
            }
        }
        return best;
    }
}
