package dev.devserver.serving;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * `up` starts its revisions' first containers this many at a time: thirty node processes booting at once on two
 * cores all finish late, while a few at a time serve the first ones within a second or two. A request for a
 * revision still queued here starts its container at once (see {@link Serving#demand}), as the activator's does.
 */
final class FirstStarts implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(2 * Runtime.getRuntime().availableProcessors(),
            Serving.daemon("first-start"));
    /** Completes at the stop: a deploy still waiting for its revisions then returns. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /** Runs {@code starts} a few at a time; returns once every rollout completed, or at the stop. */
    void run(List<Runnable> starts, List<CompletableFuture<String>> rollouts) {
        try {
            starts.forEach(pool::execute);
        } catch (RejectedExecutionException stopped) {
            // a stop came first: nothing more starts
        }
        CompletableFuture.anyOf(CompletableFuture.allOf(rollouts.toArray(CompletableFuture[]::new)), closed).join();
    }

    @Override
    public void close() {
        closed.complete(null);
        pool.shutdownNow();
    }
}
