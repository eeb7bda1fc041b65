package dev.devserver.serving;

/** Readiness of one function, for /healthz, the 404 page and the terminal table. */
public record ServiceStatus(String function, String knativeService, String url, boolean ready, String reason) {
    /** The reason while the serving revision's first container starts: not a failure. */
    public static final String STARTING = "starting";
}
