package dev.devserver.serving;

/** Readiness of one function, for /healthz, the 404 page and the terminal table. */
public record ServiceStatus(String function, String knativeService, String url, boolean ready, String reason) {
    /** The reason while the serving revision's first container starts: not a failure. */
    public static final String STARTING = "starting";
    /** The reason before the function's first image is built: no revision exists yet, not a failure either. */
    public static final String NOT_BUILT = "not built yet";
}
