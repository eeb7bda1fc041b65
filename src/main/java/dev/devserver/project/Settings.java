package dev.devserver.project;

/**
 * Choices that come from the command line or environment rather than from {@code serverless.yml}.
 *
 * @param namespace overrides the default {@code <project-dir>-local} namespace; null means "use the default"
 * @param domain    the Knative domain suffix; blank or null means {@code localhost}
 */
public record Settings(String namespace, String domain) {
    public static final String DEFAULT_DOMAIN = "localhost";

    public Settings {
        namespace = namespace == null || namespace.isBlank() ? null : namespace.trim();
        domain = domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain.trim();
    }

    public static Settings defaults() {
        return new Settings(null, DEFAULT_DOMAIN);
    }
}
