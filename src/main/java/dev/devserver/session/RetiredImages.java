package dev.devserver.session;

import dev.devserver.image.ImageCleanup;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * After a reload, removes the images of a function's revisions that no longer serve and cannot be rolled back to, on
 * a thread of its own (removing images takes the engine a while; no reload waits for it).
 */
final class RetiredImages implements AutoCloseable {
    private final ImageCleanup cleanup;
    private final Path projectDir;
    private static final int RECHECKS = 12;
    /** How long the session must have rolled nothing out before the start-up tidy lists images. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "image-cleanup");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastRollout;

    RetiredImages(ImageCleanup cleanup, Path projectDir) {
        this.cleanup = cleanup;
        this.projectDir = projectDir;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // nothing runs after the session closed
    }

    /**
     * At up start: per function the latest image and the one before stay. That takes one image list, seconds on an
     * engine with thousands of images, and the engine holds a commit until the list is done; so it waits until the
     * session has rolled nothing out for a while (the first edit usually comes soon after `up`).
     */
    void tidy() {
        rollingOut(); // counted from the deploy: an edit often follows it
        tidyWhenQuiet();
    }

    private void tidyWhenQuiet() {
        long wait = lastRollout + QUIET_NANOS - System.nanoTime();
        if (wait > 0) {
            thread.schedule(this::tidyWhenQuiet, wait, TimeUnit.NANOSECONDS);
        } else {
            thread.execute(() -> cleanup.keepLatestAndPrevious(projectDir));
        }
    }

    /** A reload is rolling out: the start-up tidy waits for a quiet moment. */
    void rollingOut() {
        lastRollout = System.nanoTime();
    }

    void remove(Supplier<Optional<FunctionView>> function) {
        thread.execute(() -> removeNow(function, RECHECKS));
    }

    private void removeNow(Supplier<Optional<FunctionView>> function, int rechecks) {
        function.get().ifPresent(view -> {
            Set<String> keep = worthKeeping(view.revisions());
            cleanup.removeTags(view.revisions().stream().map(RevisionView::image)
                    .filter(image -> image != null && !keep.contains(image) && !image.endsWith(":latest")).distinct().toList());
            // A revision still stopping keeps its image: look again once its containers are gone.
            if (rechecks > 0 && view.revisions().stream().anyMatch(r -> !r.active() && r.containers() > 0)) {
                thread.schedule(() -> removeNow(function, rechecks - 1), 5, TimeUnit.SECONDS);
            }
        });
    }

    /**
     * The images of the revision receiving traffic, of the last ready one before it (what a roll-back goes to), and of
     * every revision that still has containers.
     */
    static Set<String> worthKeeping(List<RevisionView> revisions) {
        Set<String> keep = new HashSet<>();
        int active = -1;
        for (int i = 0; i < revisions.size(); i++) {
            RevisionView r = revisions.get(i);
            if (r.active()) {
                active = i;
                keep.add(r.image());
            }
            if (r.containers() > 0) {
                keep.add(r.image());
            }
        }
        for (int i = active - 1; i >= 0; i--) {
            RevisionView r = revisions.get(i);
            if (r.ready() && !keep.contains(r.image())) {
                keep.add(r.image());
                break;
            }
        }
        return keep;
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
