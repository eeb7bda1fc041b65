package dev.devserver.router;

import dev.devserver.serving.ServiceRoute;

/**
 * Seam for request metrics (Knative's request_count, request_latencies, request_concurrency).
 * Called on the event loop, so implementations must be quick and non-blocking.
 */
public interface RequestMetrics {
    RequestMetrics NONE = new RequestMetrics() {
    };

    /** A request for this service entered the router (before activation): concurrency goes up. */
    default void started(ServiceRoute route) {
    }

    /** The request finished, one way or another: concurrency goes down, count and latency recorded. */
    default void ended(ServiceRoute route, RequestRecord record) {
    }
}
