package dev.devserver.serving;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The route of a tagged traffic target, for its host {@code <tag>-<service>.<namespace>.<domain>}: the service's
 * revision that the tag names now, or 404 once the tag is gone from the traffic.
 */
record TaggedRoute(FunctionService service, String tag) implements ServiceRoute {
    @Override
    public ServiceId id() {
        return service.id();
    }

    @Override
    public boolean clusterLocal() {
        return service.clusterLocal();
    }

    @Override
    public CompletionStage<Lease> acquire() {
        return service.acquireTagged(tag).orElseGet(() -> CompletableFuture.failedFuture(new NotReadyException(404,
                "tag " + tag + " of " + service.knativeService() + " was removed")));
    }
}
