package dev.devserver.serving;

import java.util.concurrent.CompletionStage;

/** One routable Knative service (one function) as the router sees it. */
public interface ServiceRoute {
    ServiceId id();

    default String namespace() {
        return id().namespace();
    }

    /** Knative service name, {@code <service>-<function>}; also the configuration name. */
    default String knativeService() {
        return id().knativeService();
    }

    /** The function's name in serverless.yml. */
    default String function() {
        return id().function();
    }

    /**
     * Completes with a lease once a ready container can take one more request: at once when warm,
     * after a cold start when scaled to zero, after a slot frees when at the concurrency limit.
     * Completes exceptionally with {@link NotReadyException} when no container can be had (failed build,
     * crashed container); the router turns that into 502/503 with the message.
     */
    CompletionStage<Lease> acquire();

    /**
     * Knative's {@code networking.knative.dev/visibility: cluster-local}: reachable from function containers only; the
     * host's router answers 404 as a cluster's public gateway does.
     */
    default boolean clusterLocal() {
        return false;
    }

    /** Runs under `up --debug`: a request may be paused at a breakpoint for as long as its developer looks. */
    default boolean debugged() {
        return false;
    }
}
