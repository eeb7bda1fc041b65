package dev.devserver.serving;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** One function as a Knative service: its latest revision and the way requests get a container of it. */
public final class FunctionService implements ServiceRoute {
    private final String namespace;
    private final String knativeService;
    private final String function;
    private final Supplier<String> url;
    private volatile Revision current;
    private volatile String notReadyReason = "not built yet";
    private int generation;

    FunctionService(String namespace, String knativeService, String function, Supplier<String> url) {
        this.namespace = namespace;
        this.knativeService = knativeService;
        this.function = function;
        this.url = url;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String knativeService() {
        return knativeService;
    }

    @Override
    public String function() {
        return function;
    }

    public String url() {
        return url.get();
    }

    synchronized String nextRevisionName() {
        generation++;
        return String.format("%s-%05d", knativeService, generation);
    }

    void serve(Revision revision) {
        remember(revision);
        current = revision;
    }

    Optional<Revision> current() {
        return Optional.ofNullable(current);
    }

    void notReady(String reason) {
        notReadyReason = reason;
    }

    @Override
    public CompletionStage<Lease> acquire() {
        Revision revision = current;
        if (revision == null) {
            return CompletableFuture.failedFuture(new NotReadyException(503, function + " is not ready: " + notReadyReason));
        }
        Optional<Replica> replica = revision.leastLoaded();
        if (replica.isPresent()) {
            return CompletableFuture.completedFuture(lease(revision, replica.get()));
        }
        if (revision.failure != null) {
            return CompletableFuture.failedFuture(new NotReadyException(502, function + " is not ready: " + revision.failure));
        }
        return revision.firstReady.thenCompose(ready -> acquire());
    }

    private static Lease lease(Revision revision, Replica replica) {
        replica.inFlight.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return new Lease() {
            @Override
            public Endpoint endpoint() {
                return replica.endpoint;
            }

            @Override
            public String revision() {
                return revision.name;
            }

            @Override
            public void release() {
                if (released.compareAndSet(false, true)) {
                    replica.inFlight.decrementAndGet();
                }
            }
        };
    }

    public ServiceStatus status() {
        Revision revision = current;
        boolean ready = revision != null && revision.ready();
        String reason = ready ? "" : revision == null ? notReadyReason
                : revision.failure != null ? revision.failure : "starting";
        return new ServiceStatus(function, knativeService, url(), ready, reason);
    }

    /** Every revision this run created, oldest first. */
    private final java.util.List<Revision> history = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.time.Instant created = java.time.Instant.now();

    void remember(Revision revision) {
        history.add(revision);
    }

    public FunctionView view() {
        Revision active = current;
        java.util.List<RevisionView> revisions = history.stream().map(r -> new RevisionView(r.name, knativeService,
                r.image, r.created, r.ready(), r.failure, (int) r.replicas.stream().filter(x -> !x.stopping).count(),
                r == active)).toList();
        String latestReady = history.stream().filter(Revision::ready).reduce((a, b) -> b).map(r -> r.name).orElse("");
        String latestCreated = history.isEmpty() ? "" : history.get(history.size() - 1).name;
        ServiceStatus status = status();
        return new FunctionView(function, knativeService, namespace, url(), status.ready(), status.reason(),
                latestCreated, latestReady, revisions, revisions.stream().mapToInt(RevisionView::containers).sum(), created);
    }

    public String revisionName() {
        Revision revision = current;
        return revision == null ? "" : revision.name;
    }
}
