package dev.devserver.serving;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The next revision's container, created ahead of the edit. Once a revision serves, the container of the revision that
 * would follow it after a code edit is created and left unstarted: the same configuration under the next revision's
 * name (container name, K_REVISION, labels), of the base the edit's layer goes on, in a pause container's network.
 * At the edit only the layer's files are copied in before it starts, which saves the container's creation (and its
 * /var/log volume, its pause) on the way from saving to serving. It never runs anything before its files are complete,
 * and it is used only when it is exactly the container the new revision would create ({@link Blueprint}); otherwise
 * (a secret or serverless.yml change, a full build) it is removed and the new container joins its pause.
 */
final class AheadContainers {
    private record Ahead(Blueprint blueprint, CompletableFuture<Replica> replica) {
    }

    private final Containers containers;
    private final PauseContainers pauses;
    private final Executor workers;
    private final Map<String, Ahead> byFunction = new ConcurrentHashMap<>();
    private volatile boolean closed;

    AheadContainers(Containers containers, PauseContainers pauses, Executor workers) {
        this.containers = containers;
        this.pauses = pauses;
        this.workers = workers;
    }

    /** Creates {@code next}'s container for {@code function} in the background, replacing one created before. */
    void prepare(String function, Blueprint next) {
        if (closed) {
            return;
        }
        CompletableFuture<Replica> created = CompletableFuture.supplyAsync(() -> {
            PauseContainers.Pause pause = pauses.reserve().orElse(null);
            try {
                return containers.create(next, pause);
            } catch (RuntimeException e) {
                if (pause != null) {
                    pauses.giveBack(pause);
                }
                throw e;
            }
        }, workers);
        Ahead replaced = byFunction.put(function, new Ahead(next, created));
        if (replaced != null) {
            discard(replaced, false);
        }
    }

    /**
     * The container created ahead for exactly {@code wanted} (still to be given its layer and started), or null. One
     * created for the same revision with another configuration is removed, and its pause goes back to the spares for
     * the container this revision creates instead.
     */
    Replica claim(String function, Blueprint wanted) {
        Ahead ahead = byFunction.get(function);
        if (ahead == null || !ahead.blueprint.revision().equals(wanted.revision()) || !byFunction.remove(function, ahead)) {
            return null; // none, or one for a later revision (this is a scale-out of the live one)
        }
        if (!ahead.blueprint.equals(wanted)) {
            discard(ahead, true);
            return null;
        }
        try {
            return ahead.replica.join();
        } catch (RuntimeException engineRefused) {
            return null;
        }
    }

    boolean has(String function) {
        return byFunction.containsKey(function);
    }

    /** Removes the container created ahead for {@code function} (it was removed from the project). */
    void discard(String function) {
        Ahead ahead = byFunction.remove(function);
        if (ahead != null) {
            discard(ahead, false);
        }
    }

    /** The session ends: every container created ahead (and its pause) is removed before serving's threads stop. */
    void close() {
        closed = true;
        for (String function : byFunction.keySet()) {
            Ahead ahead = byFunction.remove(function);
            try {
                remove(ahead.replica.join(), false);
            } catch (RuntimeException engineRefusedOrGone) {
                // nothing was created, or `down` and the next `up` find it by the project label
            }
        }
    }

    /** Removes its container; its pause too, or back to the spares (at once when created already: the caller's). */
    private void discard(Ahead ahead, boolean keepPause) {
        ahead.replica.thenAccept(replica -> {
            if (keepPause && replica.pause != null) {
                pauses.giveBack(replica.pause);
            }
            workers.execute(() -> remove(replica, keepPause));
        });
    }

    private void remove(Replica replica, boolean keepPause) {
        containers.remove(replica.containerId);
        if (!keepPause && replica.pause != null) {
            pauses.remove(replica.pause.id());
        }
    }
}
