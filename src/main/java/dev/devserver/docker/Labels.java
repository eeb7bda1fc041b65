package dev.devserver.docker;

/** Label keys on the images and containers devserver creates, so they can be found again (down, crash recovery). */
public final class Labels {
    public static final String PROJECT = "dev.devserver.project";
    public static final String FUNCTION = "dev.devserver.function";
    public static final String SERVICE = "dev.devserver.service";
    public static final String HASH = "dev.devserver.hash";
    public static final String KNATIVE_SERVICE = "serving.knative.dev/service";
    public static final String KNATIVE_CONFIGURATION = "serving.knative.dev/configuration";
    public static final String KNATIVE_REVISION = "serving.knative.dev/revision";

    private Labels() {
    }
}
