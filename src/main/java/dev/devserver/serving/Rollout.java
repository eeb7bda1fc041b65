package dev.devserver.serving;

import dev.devserver.project.Debugger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A service's revisions from creation to the end: a new revision starts its first containers; once one answers it
 * takes the latest-revision traffic and the revision it replaces drains (its requests in flight may finish within the
 * drain timeout, its waiting requests go to the successor), unless traffic still names it; a revision taken out of
 * service stops at once. Both serverless.yml functions and Knative Services applied through the API roll out here.
 * {@code drainTimeout}: how long a replaced revision may finish its requests in flight (Knative's revision timeout).
 */
record Rollout(ServingOptions options, ReplicaLauncher launcher, Executor workers, Duration drainTimeout) {
    /**
     * A new revision of {@code service} named {@code given} (null: Knative's next name), not started yet; under
     * {@code debugger} (null: none) with its environment on top, its command, and one container that never scales.
     */
    Revision create(FunctionService service, String given, RevisionSpec spec, Debugger debugger) {
        if (debugger != null && debugger.command() != null) {
            spec = spec.withCommand(debugger.command());
        }
        String name = service.nextRevisionName(given);
        Map<String, String> env = spec.containerEnv(name);
        ScalingPolicy policy = ScalingPolicy.of(spec.annotations(), spec.concurrency(), options);
        if (debugger != null) {
            env.putAll(debugger.env());
            policy = policy.debugging(debugger.perRequest());
        }
        Revision revision = new Revision(name, spec, Environment.asDockerEnv(env), policy, Revision.QUEUE_DEPTH);
        revision.debugger = debugger;
        service.created(revision);
        if (service.current().isEmpty()) {
            service.serve(revision); // first revision: requests wait for it rather than fail
        }
        return revision;
    }

    /**
     * Starts the revision's first containers; once one answers, the latest revision takes the latest-revision traffic
     * and the one it replaces drains unless traffic still names it. Completes with its name, or exceptionally with
     * why it did not become ready.
     */
    CompletableFuture<String> launch(FunctionService service, Revision revision) {
        startFirst(revision);
        return whenReady(service, revision);
    }

    /** The same, with the first containers' start run by {@code starts}, blocking one of its threads until they answer. */
    CompletableFuture<String> launch(FunctionService service, Revision revision, Executor starts) {
        starts.execute(() -> startFirst(revision).join());
        return whenReady(service, revision);
    }

    /** Completes once they answered or failed; skipped when a waiting request had a container started meanwhile. */
    private CompletableFuture<Void> startFirst(Revision revision) {
        if (revision.launching.get() > 0 || !revision.replicas.isEmpty() || !revision.lifecycle.mayScale()) {
            return CompletableFuture.completedFuture(null); // the autoscaler scales to min-scale once it is ready
        }
        CompletableFuture<?>[] launched = new CompletableFuture<?>[Math.max(1, revision.policy.minScale())];
        for (int i = 0; i < launched.length; i++) {
            launched[i] = launcher.launch(revision, false);
        }
        return CompletableFuture.allOf(launched).exceptionally(failed -> null);
    }

    private CompletableFuture<String> whenReady(FunctionService service, Revision revision) {
        return revision.lifecycle.firstReady().thenApply(ready -> {
            if (!service.isLatest(revision)) { // a newer edit was rolled out meanwhile: never serve stale code
                if (!service.routed().contains(revision)) {
                    stopAll(revision);
                }
                return revision.name;
            }
            service.serve(revision).ifPresent(previous -> {
                if (!service.routed().contains(previous)) {
                    drain(previous, revision);
                }
            });
            return revision.name;
        });
    }

    /** Takes a revision out of service at once: no new requests, its containers stopped gracefully. */
    void stopAll(Revision revision) {
        revision.lifecycle.retire();
        revision.replicas.forEach(r -> launcher.stop(revision, r));
    }

    /** Retires {@code previous}: its waiting requests go to {@code successor}, those in flight may finish first. */
    void drain(Revision previous, Revision successor) {
        previous.handOverWaiting(successor);
        previous.lifecycle.retire();
        workers.execute(() -> {
            long deadline = System.nanoTime() + drainTimeout.toNanos();
            while (previous.inFlight() > 0 && System.nanoTime() < deadline) {
                sleep(50);
            }
            previous.replicas.forEach(r -> launcher.stop(previous, r));
        });
    }

    /** Stops every revision of the service; requests waiting for it get 404 with {@code why}. */
    void stopService(FunctionService service, String why) {
        service.history().forEach(r -> {
            r.failWaiting(new NotReadyException(404, why));
            stopAll(r);
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
