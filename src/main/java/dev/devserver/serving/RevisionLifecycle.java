package dev.devserver.serving;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A revision's conditions and the one place they change: starting until its first container is ready, then ready
 * (Knative's Ready condition, true even at zero containers) or failed for good when no container ever got ready;
 * restarting while a crashed container's replacement is pending; and, across all of these, retired (out of
 * service: no launches, crash replacements or standbys) or back in service when traffic names it again.
 * The launcher, crash recovery and rollout ask for transitions; nobody writes the state itself.
 */
final class RevisionLifecycle {
    /** What a revision is doing, as its status and the router see it. */
    enum Condition { STARTING, READY, RESTARTING, FAILED }

    private final String function;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    private final AtomicBoolean replacing = new AtomicBoolean();
    private volatile String failure;
    private volatile String crash;
    private volatile boolean retired;
    private int crashes;

    RevisionLifecycle(String function) {
        this.function = function;
    }

    Condition condition() {
        if (failure != null) {
            return Condition.FAILED;
        }
        if (crash != null) {
            return Condition.RESTARTING;
        }
        return firstReady.isDone() ? Condition.READY : Condition.STARTING;
    }

    /** A container answered: the revision is ready (the first time) and no longer restarting. */
    synchronized void containerReady() {
        crash = null;
        firstReady.complete(null);
    }

    /**
     * A container did not start or become ready. Before the first ready one this fails the revision for good and
     * returns the error its waiting requests get; afterwards the revision stays as it is (empty: only say why).
     */
    synchronized Optional<NotReadyException> startFailed(String reason) {
        if (firstReady.isDone()) {
            return Optional.empty();
        }
        failure = reason;
        NotReadyException error = new NotReadyException(502, function + " is not ready: " + reason);
        firstReady.completeExceptionally(error);
        return Optional.of(error);
    }

    /** A serving container exited; returns how many times that happened, for the backoff. */
    synchronized int crashed() {
        return ++crashes;
    }

    /** Restarting after a crash; requests get 502 with {@code why} until a container is ready again. */
    void restarting(String why) {
        crash = why;
    }

    /** Claims the one pending replacement of a crashed container; false when one is already scheduled. */
    boolean claimReplacement() {
        return replacing.compareAndSet(false, true);
    }

    /** The scheduled replacement runs now; a later crash may schedule another. */
    void replacementRuns() {
        replacing.set(false);
    }

    /** Out of service: no more launches, crash replacements or standbys. */
    void retire() {
        retired = true;
    }

    /** Back in service: a Knative Service's traffic names this revision again. */
    void reinstate() {
        retired = false;
    }

    boolean retired() {
        return retired;
    }

    /** The autoscaler may add containers: in service and not failed. */
    boolean mayScale() {
        return !retired && failure == null;
    }

    /** Became ready once and has not failed: Knative's Ready condition, true even while scaled to zero. */
    boolean succeeded() {
        return firstReady.isDone() && !firstReady.isCompletedExceptionally() && failure == null;
    }

    /** Why the revision never became ready, if it failed. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Completes once a container is ready, or exceptionally when the revision failed. */
    CompletableFuture<Void> firstReady() {
        return firstReady.copy();
    }

    /**
     * Why a request cannot wait for this revision when none of its containers is ready: failed (502), or restarting
     * after a crash (502 with the reason and the container's last lines); empty when it may wait.
     */
    Optional<NotReadyException> refusal() {
        String failed = failure;
        if (failed != null) {
            return Optional.of(new NotReadyException(502, function + " is not ready: " + failed));
        }
        String crashed = crash;
        return crashed == null ? Optional.empty()
                : Optional.of(new NotReadyException(502, function + " is restarting: " + crashed));
    }
}
