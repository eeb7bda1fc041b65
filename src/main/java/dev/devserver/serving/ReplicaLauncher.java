package dev.devserver.serving;

import dev.devserver.image.LayerBase;
import dev.devserver.image.PendingImage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Brings a revision's containers up and down, fastest path first: thaw a frozen (paused) container, else start a
 * container created ahead of time, else create and start one. A container is ready once its port takes a TCP
 * connection (Knative's default readiness probe).
 */
final class ReplicaLauncher {
    private final Containers containers;
    private final ContainerOutput output;
    private final ServingEvents events;
    private final Executor workers;
    private final Duration readyTimeout;
    private final BiConsumer<Revision, Replica> onCrash;
    private final GracefulStop stopper;
    private final String project;
    private final PauseContainers pauses;
    private final AheadContainers ahead;
    private volatile Boolean bridgeReachable;

    ReplicaLauncher(Containers containers, ContainerOutput output, ServingEvents events, Executor workers,
                    Duration readyTimeout, BiConsumer<Revision, Replica> onCrash, GracefulStop stopper, String project,
                    PauseContainers pauses, AheadContainers ahead) {
        this.containers = containers;
        this.output = output;
        this.events = events;
        this.workers = workers;
        this.readyTimeout = readyTimeout;
        this.onCrash = onCrash;
        this.stopper = stopper;
        this.project = project;
        this.pauses = pauses;
        this.ahead = ahead;
    }

    /** Adds one ready container to the revision; {@code cold}: requests are waiting for it (scale from zero). */
    CompletableFuture<Void> launch(Revision revision, boolean cold) {
        revision.launching.incrementAndGet();
        return launchOne(revision, cold).whenComplete((v, e) -> revision.launching.decrementAndGet());
    }

    private CompletableFuture<Void> launchOne(Revision revision, boolean cold) {
        long start = System.nanoTime();
        Replica frozen = claim(revision, Replica.State.FROZEN);
        if (frozen != null) {
            return CompletableFuture.runAsync(() -> {
                synchronized (frozen.pauseLock) {
                    if (frozen.paused) { // else thawed before its pause ran: the pause sees STARTING and does nothing
                        containers.unpause(frozen);
                        frozen.paused = false;
                    }
                }
                becameReady(revision, frozen, start, cold, "thawed");
            }, workers).exceptionally(e -> failedStart(revision, frozen, e));
        }
        Replica standby = claim(revision, Replica.State.CREATED);
        return CompletableFuture.runAsync(() -> {
            Replica r = standby;
            if (r == null) {
                PendingImage layer = revision.claimPending();
                Blueprint blueprint = Blueprint.of(project, revision, layer);
                r = ahead.claim(revision.function, blueprint);
                PauseContainers.Pause pause = r != null ? r.pause
                        : pauses.take(revision.spec.port(), revision.debugger != null).orElse(null);
                try {
                    if (layer == null) {
                        revision.awaitImage();
                    }
                    if (r == null) {
                        r = containers.create(blueprint, pause);
                    }
                    if (layer != null) {
                        containers.copyLayer(r, layer);
                    }
                } catch (RuntimeException e) { // no image, engine refused: the revision says why
                    if (r != null) {
                        containers.remove(r.containerId);
                    }
                    if (pause != null) {
                        pauses.remove(pause.id());
                    }
                    failedStart(revision, null, e);
                    return;
                }
                r.move(Replica.State.CREATED, Replica.State.STARTING);
                revision.replicas.add(r);
            }
            startAndProbe(revision, r, start, cold);
        }, workers);
    }

    /** Takes one replica in {@code state} for starting, so two launches never pick the same container. */
    private static Replica claim(Revision revision, Replica.State state) {
        synchronized (revision) {
            return revision.replicas.stream().filter(r -> r.move(state, Replica.State.STARTING)).findFirst().orElse(null);
        }
    }

    private void startAndProbe(Revision revision, Replica replica, long start, boolean cold) {
        try {
            containers.start(replica, revision);
        } catch (RuntimeException e) {
            failedStart(revision, replica, e);
            return;
        }
        prepareNext(revision);
        CountDownLatch followed = new CountDownLatch(1);
        containers.lines().follow(replica, (stderr, line) -> {
            replica.remember(line);
            output.line(revision.function, revision.name, stderr, line);
        }, () -> {
            exited(revision, replica);
            followed.countDown();
        });
        try {
            // The log follower marks the replica STOPPED when its container exits: no Docker call per probe.
            // When this host reaches the bridge network, probe there: no port proxy to see through.
            if (bridgeReachable == null && replica.bridgeEndpoint != null) {
                bridgeReachable = Probe.reachable(replica.bridgeEndpoint);
            }
            boolean direct = replica.bridgeEndpoint != null && Boolean.TRUE.equals(bridgeReachable);
            if (replica.endpoint != null && Probe.awaitReady(direct ? replica.bridgeEndpoint : replica.endpoint, direct,
                    readyTimeout, () -> replica.state() == Replica.State.STOPPED)) {
                preferBridge(replica);
                if (imageCommitted(revision, replica)) {
                    becameReady(revision, replica, start, cold, "started");
                }
            } else if (revision.replicas.contains(replica)) { // not taken out of service by stop(): it failed
                followed.await(2, TimeUnit.SECONDS); // its last output explains the failure
                Integer code = containers.exitCodeIfReachable(replica);
                String reason = (code == null ? "not ready after " + readyTimeout.toSeconds() + " s"
                        : "container exited with code " + code) + containers.lines().lastOutputNote(replica);
                stop(revision, replica);
                if (!revision.startFailed(reason)) {
                    events.info(revision.function, "container of " + revision.name + " did not become ready: " + reason);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A container started from a pending image's base is ready only once that image exists: nothing serves what no
     * image holds. When the commit failed, the revision fails and the one before keeps serving.
     */
    private boolean imageCommitted(Revision revision, Replica replica) {
        try {
            revision.awaitImage();
            return true;
        } catch (RuntimeException e) {
            failedStart(revision, replica, new IllegalStateException("its image could not be committed ("
                    + (e.getCause() == null ? e : e.getCause()).getMessage() + ")"));
            return false;
        }
    }

    private Void failedStart(Revision revision, Replica replica, Throwable e) {
        if (replica != null) {
            stop(revision, replica);
        }
        String reason = "container did not start: " + e.getMessage();
        if (!revision.startFailed(reason)) {
            events.info(revision.function, reason);
        }
        return null;
    }

    private void becameReady(Revision revision, Replica replica, long start, boolean cold, String how) {
        if (!replica.move(Replica.State.STARTING, Replica.State.READY)) {
            return; // stopped meanwhile (scaled down, rolled out, Ctrl-C): never resurrect it
        }
        replica.lastUsedNanos = System.nanoTime();
        revision.containerReady();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (cold) {
            events.coldStart(revision.knativeService, revision.name, took);
            events.info(revision.function, "cold start: " + how + " a container of " + revision.name + " in " + took.toMillis() + " ms");
        }
    }

    /** Docker's userland proxy costs a hop; when this host reaches the bridge network, talk to the container directly. */
    private void preferBridge(Replica replica) {
        if (replica.bridgeEndpoint != null && Boolean.TRUE.equals(bridgeReachable)) {
            replica.endpoint = replica.bridgeEndpoint;
        }
    }

    private void exited(Revision revision, Replica replica) {
        if (replica.state() == Replica.State.STOPPED || replica.state() == Replica.State.CREATED) {
            return;
        }
        Replica.State before = replica.stop();
        if (before == Replica.State.READY || before == Replica.State.FROZEN) {
            onCrash.accept(revision, replica);
        }
    }

    void freeze(Replica replica) {
        if (replica.inFlight.get() > 0 || !replica.move(Replica.State.READY, Replica.State.FROZEN)) {
            return;
        }
        workers.execute(() -> {
            synchronized (replica.pauseLock) {
                if (replica.state() != Replica.State.FROZEN) {
                    return; // a request thawed it (or it stopped) before this ran: nothing to pause
                }
                try {
                    containers.pause(replica);
                    replica.paused = true;
                } catch (RuntimeException e) {
                    replica.move(Replica.State.FROZEN, Replica.State.READY); // could not pause: keep serving from it
                }
            }
        });
    }

    /**
     * Takes a container out of service at once (no new requests), then, in the background, lets its requests in
     * flight finish and stops it gracefully ({@link GracefulStop}: SIGTERM, grace period, SIGKILL).
     */
    void stop(Revision revision, Replica replica) {
        boolean frozen = replica.stop() == Replica.State.FROZEN;
        revision.replicas.remove(replica);
        workers.execute(() -> {
            stopper.stop(replica.containerId, revision.function, replica.inFlight::get, frozen);
            removePause(replica);
        });
    }

    /** The pause container whose network a removed container joined goes with it. */
    void removePause(Replica replica) {
        if (replica.pause != null) {
            pauses.remove(replica.pause.id());
        }
    }

    /**
     * {@code revision}'s first container started: the container of the revision a code edit would make next is created
     * ahead ({@link AheadContainers}), when the build said what that edit would start from and a pause can hold it.
     * Now rather than once this one is ready: the next edit may come at once, and its pause takes a while to start.
     */
    private void prepareNext(Revision revision) {
        LayerBase next = revision.claimNextBase();
        if (next != null && revision.debugger == null && revision.spec.port() == RevisionSpec.DEFAULT_PORT) {
            String name = FunctionService.revisionName(revision.knativeService, revision.generation + 1);
            ahead.prepare(revision.function, Blueprint.next(project, revision, name, next));
        }
    }

    /** Creates (without starting) one container so the next scale-from-zero only has to start it. */
    void prepareStandby(Revision revision) {
        if (revision.replicas.stream().anyMatch(r -> r.state() == Replica.State.CREATED)) {
            return;
        }
        workers.execute(() -> {
            try {
                revision.awaitImage();
                Replica standby = containers.create(Blueprint.of(project, revision, null), null); // no pause idles beside it
                if (revision.lifecycle.retired()) {
                    containers.remove(standby.containerId);
                } else {
                    revision.replicas.add(standby);
                }
            } catch (RuntimeException e) {
                // a standby is only an optimisation; the next cold start creates the container itself
            }
        });
    }
}
