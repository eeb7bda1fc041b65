package dev.devserver.serving;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Knative revision: one immutable image + configuration, and the containers running it. */
final class Revision {
    final String name;
    final String image;
    final List<String> env;
    final Instant created = Instant.now();
    final List<Replica> replicas = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    volatile String failure;

    Revision(String name, String image, List<String> env) {
        this.name = name;
        this.image = image;
        this.env = env;
    }

    /** The ready container with the fewest requests in flight. */
    Optional<Replica> leastLoaded() {
        return replicas.stream().filter(r -> r.ready && !r.stopping)
                .min(Comparator.comparingInt(r -> r.inFlight.get()));
    }

    boolean ready() {
        return replicas.stream().anyMatch(r -> r.ready && !r.stopping);
    }

    void fail(String reason) {
        failure = reason;
        firstReady.completeExceptionally(new NotReadyException(502, reason));
    }
}
