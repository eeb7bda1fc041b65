package dev.devserver.serving;

import com.github.dockerjava.api.model.Container;
import dev.devserver.docker.Labels;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Every container stop, as Kubernetes terminates a Knative pod: routing to it has already stopped (the caller took
 * it out of service), requests in flight drain, a frozen container is thawed (a paused process cannot handle a
 * signal), then SIGTERM (the image's STOPSIGNAL), and SIGKILL only if it is still running when the grace period
 * ends. Knative sets terminationGracePeriodSeconds to the revision's timeoutSeconds; like Kubernetes, the drain
 * counts against it. {@link #force()} (a second Ctrl-C) cuts every wait and kills at once.
 */
final class GracefulStop {
    private final Containers containers;
    private final ServingEvents events;
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private volatile Duration grace = Duration.ofSeconds(300);
    private volatile boolean forced;

    GracefulStop(Containers containers, ServingEvents events) {
        this.containers = containers;
        this.events = events;
    }

    void grace(Duration gracePeriod) {
        grace = gracePeriod;
    }

    Duration grace() {
        return grace;
    }

    /**
     * Blocks until the container is gone. {@code inFlight}: requests it still serves (0 for containers the router
     * never leased); {@code frozen}: it is paused. Never throws: an engine that went away took the container with it.
     */
    void stop(String containerId, String function, IntSupplier inFlight, boolean frozen) {
        long start = System.nanoTime();
        long deadline = start + grace.toNanos();
        stopping.add(containerId);
        try {
            while (inFlight.getAsInt() > 0 && System.nanoTime() < deadline && !forced) {
                Thread.sleep(20);
            }
            if (forced) {
                containers.kill(containerId);
            } else {
                if (frozen) {
                    containers.unpauseIfPaused(containerId);
                }
                int seconds = (int) Math.max(1, Math.ceil((deadline - System.nanoTime()) / 1e9));
                long signalled = System.nanoTime();
                containers.stop(containerId, seconds);
                if (!forced && System.nanoTime() - signalled >= seconds * 1_000_000_000L) {
                    events.info(function, "container " + Containers.shortId(containerId) + " did not exit within "
                            + seconds + " s of SIGTERM (the grace period, the revision timeout): killed with SIGKILL");
                }
            }
            containers.remove(containerId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeQuietly(containerId);
        } catch (RuntimeException engineDown) {
            removeQuietly(containerId);
        } finally {
            stopping.remove(containerId);
        }
    }

    /**
     * Stops every container of the project in parallel and returns when all are gone; containers already being
     * stopped (scale-down, rollout) are waited for too.
     */
    void stopAll(String projectDir, Executor workers) {
        try {
            for (List<Container> group : PauseContainers.pausesLast(containers.all(projectDir))) {
                CompletableFuture.allOf(group.stream()
                        .map(c -> CompletableFuture.runAsync(() -> stop(c.getId(), c.getLabels().get(Labels.FUNCTION),
                                () -> 0, "paused".equals(c.getState())), workers))
                        .toArray(CompletableFuture[]::new)).join();
            }
        } catch (RuntimeException engineDown) {
            // nothing to stop when the engine is gone; `down` or the next `up` removes what is left
        }
    }

    /** Stops waiting: containers being stopped now, and any stopped later, get SIGKILL at once. */
    void force() {
        forced = true;
        for (String id : Set.copyOf(stopping)) {
            try {
                containers.kill(id);
            } catch (RuntimeException gone) {
                // exited meanwhile, or the engine is gone
            }
        }
    }

    boolean forced() {
        return forced;
    }

    private void removeQuietly(String containerId) {
        try {
            containers.remove(containerId);
        } catch (RuntimeException engineDown) {
            // `down` or the next `up` removes it
        }
    }
}
