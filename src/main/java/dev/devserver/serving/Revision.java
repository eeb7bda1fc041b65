package dev.devserver.serving;

import dev.devserver.project.Debugger;
import dev.devserver.image.LayerBase;
import dev.devserver.image.PendingImage;
import dev.devserver.project.FunctionSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Knative revision: one immutable image + configuration, the containers running it, and the requests waiting for
 * one of them (the activator's buffer: while scaled to zero, starting, or every container is at its hard limit).
 */
final class Revision {
    final String name;
    final String function;
    final String knativeService;
    final String image;
    final RevisionSpec spec;
    final List<String> env;
    final ScalingPolicy policy;
    /** Set before the first launch while the revision's image is still being committed, else null. */
    volatile PendingImage pending;
    private final AtomicBoolean pendingClaimed = new AtomicBoolean();
    /** Set before the first launch: what the function's next code edit starts from, or null (a full build). */
    final AtomicReference<LayerBase> nextBase = new AtomicReference<>();
    /** Set before the first launch for a function of `up --debug`: its containers publish the debugger's port too. */
    volatile Debugger debugger;
    final Instant created = Instant.now();
    /** The configuration generation that made it (set when its service records it). */
    volatile long generation;
    final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private final Deque<CompletableFuture<Lease>> waiting = new ArrayDeque<>();
    /** Starting, ready, restarting or failed; retired or in service: changed only through its transitions. */
    final RevisionLifecycle lifecycle;
    volatile long lastRequestNanos = System.nanoTime();
    /** Containers being brought up right now (thawed, started or created): capacity already on its way. */
    final AtomicInteger launching = new AtomicInteger();
    /** Recent concurrency samples (time, requests in flight + waiting), for the stable window. */
    final Deque<long[]> samples = new ConcurrentLinkedDeque<>();

    /** Requests that may wait for a container, as Knative's activator bounds its breaker's queue (breakerQueueDepth). */
    static final int QUEUE_DEPTH = 10_000;

    private final int queueDepth;
    /** A scale-out for waiting requests is queued on serving's threads (one at a time per revision). */
    final AtomicBoolean demandQueued = new AtomicBoolean();

    /** Revision {@code name} of {@code function}: its image, the container environment and how it scales. */
    Revision(String name, FunctionSpec function, String image, List<String> env, ScalingPolicy policy, int queueDepth) {
        this(name, new RevisionSpec(function.name(), function.knativeService(), image, Map.of(), null, null,
                RevisionSpec.DEFAULT_PORT, function.h2c(), function.concurrency(), null, function.annotations()), env, policy,
                queueDepth);
    }

    /** Revision {@code name} running {@code spec} with the container environment {@code env}, scaling by {@code policy}. */
    Revision(String name, RevisionSpec spec, List<String> env, ScalingPolicy policy, int queueDepth) {
        this.name = name;
        this.spec = spec;
        this.function = spec.function();
        this.knativeService = spec.knativeService();
        this.image = spec.image();
        this.env = env;
        this.policy = policy;
        this.queueDepth = queueDepth;
        this.lifecycle = new RevisionLifecycle(function);
    }

    /**
     * A lease on the least-loaded ready container with room, or a future completed once one frees up or starts;
     * beyond the queue depth, a 503 at once rather than an unbounded wait.
     */
    synchronized CompletableFuture<Lease> acquire() {
        lastRequestNanos = System.nanoTime();
        Optional<Replica> replica = waiting.isEmpty() ? leastLoadedWithRoom() : Optional.empty();
        if (replica.isPresent()) {
            return CompletableFuture.completedFuture(lease(replica.get()));
        }
        if (waiting.size() >= queueDepth && waitingCount() >= queueDepth) {
            return CompletableFuture.failedFuture(new NotReadyException(503, function + " is overloaded: "
                    + queueDepth + " requests are already waiting for a container (the activator's queue depth)"));
        }
        CompletableFuture<Lease> future = new CompletableFuture<>();
        waiting.addLast(future);
        return future;
    }

    /** Hands free capacity to waiting requests, oldest first; called when a container gets ready or a lease ends. */
    synchronized void dispatch() {
        while (!waiting.isEmpty()) {
            CompletableFuture<Lease> next = waiting.peekFirst();
            if (next.isDone()) {
                waiting.removeFirst();
                continue;
            }
            Optional<Replica> replica = leastLoadedWithRoom();
            if (replica.isEmpty()) {
                return;
            }
            waiting.removeFirst();
            Lease lease = lease(replica.get());
            if (!next.complete(lease)) {
                lease.release();
            }
        }
    }

    /** Fails every waiting request (the revision cannot serve). */
    synchronized void failWaiting(NotReadyException error) {
        waiting.forEach(f -> f.completeExceptionally(error));
        waiting.clear();
    }

    /** Moves waiting requests to the revision that replaces this one. */
    synchronized void handOverWaiting(Revision successor) {
        while (!waiting.isEmpty()) {
            CompletableFuture<Lease> waiter = waiting.removeFirst();
            successor.acquire().whenComplete((lease, error) -> {
                if (error != null) {
                    waiter.completeExceptionally(error);
                } else if (!waiter.complete(lease)) {
                    lease.release();
                }
            });
        }
    }

    synchronized int waitingCount() {
        waiting.removeIf(CompletableFuture::isDone);
        return waiting.size();
    }

    int inFlight() {
        return replicas.stream().mapToInt(r -> r.inFlight.get()).sum();
    }

    private Optional<Replica> leastLoadedWithRoom() {
        return replicas.stream().filter(r -> r.ready() && policy.hasRoom(r.inFlight.get()))
                .min(Comparator.comparingInt(r -> r.inFlight.get()));
    }

    private Lease lease(Replica replica) {
        replica.inFlight.incrementAndGet();
        replica.lastUsedNanos = System.nanoTime();
        AtomicBoolean released = new AtomicBoolean();
        Revision revision = this;
        return new Lease() {
            @Override
            public Endpoint endpoint() {
                return replica.endpoint;
            }

            @Override
            public String revision() {
                return name;
            }

            @Override
            public boolean h2c() {
                return spec.h2c();
            }

            @Override
            public Duration timeout() {
                return spec.timeout();
            }

            @Override
            public void release() {
                if (released.compareAndSet(false, true)) {
                    replica.inFlight.decrementAndGet();
                    replica.lastUsedNanos = System.nanoTime();
                    revision.lastRequestNanos = System.nanoTime();
                    revision.dispatch();
                }
            }
        };
    }

    boolean ready() {
        return replicas.stream().anyMatch(Replica::ready);
    }

    /**
     * The pending image for the one container that starts from its base and layer (the first, even when the commit
     * finished meanwhile: every revision of a pending image starts the same way), else null: that container is made
     * of the committed image.
     */
    PendingImage claimPending() {
        PendingImage p = pending;
        return p != null && pendingClaimed.compareAndSet(false, true) ? p : null;
    }

    /** What the next code edit starts from, once (the first container that starts prepares that edit's). */
    LayerBase claimNextBase() {
        return nextBase.getAndSet(null);
    }

    /** Waits until the revision's image is committed; throws with the engine's reason when it was not. */
    void awaitImage() {
        PendingImage p = pending;
        if (p != null) {
            p.committed().join();
        }
    }

    long count(Replica.State state) {
        return replicas.stream().filter(r -> r.state() == state).count();
    }

    /** A container became ready: the revision is ready (and no longer restarting); waiting requests go to it. */
    void containerReady() {
        lifecycle.containerReady();
        dispatch();
    }

    /**
     * A container did not start or become ready: before the first ready one, the revision fails and so do its waiting
     * requests (true); afterwards it keeps serving from the others (false: the caller only says why).
     */
    boolean startFailed(String reason) {
        return lifecycle.startFailed(reason).map(error -> {
            failWaiting(error);
            return true;
        }).orElse(false);
    }
}
