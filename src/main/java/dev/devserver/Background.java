package dev.devserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Start-up work run beside the rest, on a daemon thread of its own, and its result waited for where it is needed. */
public final class Background {
    private Background() {
    }

    /**
     * Not the common pool: on two cores it has one thread, which the session's other start-up tasks use too; a daemon
     * thread, so a `up` stopped meanwhile does not wait for it.
     */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Waits for it; throws what it threw (a DevserverException that says why), not a CompletionException around it. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
