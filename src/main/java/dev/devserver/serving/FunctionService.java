package dev.devserver.serving;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One function as a Knative service: the revision receiving its traffic, and the revisions before it. */
public final class FunctionService implements ServiceRoute {
    private final String namespace;
    private final String knativeService;
    private final String function;
    private final Supplier<String> url;
    private final Consumer<Revision> demand;
    private final List<Revision> history = new CopyOnWriteArrayList<>();
    private final Instant created = Instant.now();
    private volatile Revision current;
    private volatile String notReadyReason = "not built yet";
    private int generation;

    FunctionService(String namespace, String knativeService, String function, Supplier<String> url, Consumer<Revision> demand) {
        this.namespace = namespace;
        this.knativeService = knativeService;
        this.function = function;
        this.url = url;
        this.demand = demand;
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

    void created(Revision revision) {
        history.add(revision);
    }

    boolean isLatest(Revision revision) {
        return !history.isEmpty() && history.get(history.size() - 1) == revision;
    }

    /** Routes traffic to {@code revision}; returns the revision it replaces (to drain), if any. */
    Optional<Revision> serve(Revision revision) {
        Revision previous = current;
        current = revision;
        return Optional.ofNullable(previous).filter(p -> p != revision);
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
        if (revision.failure != null && !revision.ready()) {
            return CompletableFuture.failedFuture(new NotReadyException(502, function + " is not ready: " + revision.failure));
        }
        String crash = revision.crash;
        if (crash != null && !revision.ready()) {
            return CompletableFuture.failedFuture(new NotReadyException(502, function + " is restarting: " + crash));
        }
        CompletableFuture<Lease> lease = revision.acquire();
        if (!lease.isDone() || revision.inFlight() > revision.policy.target() * revision.count(Replica.State.READY)) {
            demand.accept(revision);
        }
        return lease;
    }

    public ServiceStatus status() {
        Revision revision = current;
        boolean ready = revision != null && revision.succeeded();
        String reason = ready ? "" : revision == null ? notReadyReason
                : revision.failure != null ? revision.failure : "starting";
        return new ServiceStatus(function, knativeService, url(), ready, reason);
    }

    public FunctionView view() {
        Revision active = current;
        List<RevisionView> revisions = history.stream().map(r -> new RevisionView(r.name, knativeService, r.image,
                r.created, r.succeeded(), r.failure,
                (int) r.replicas.stream().filter(Replica::live).count(), r == active)).toList();
        String latestReady = history.stream().filter(Revision::succeeded)
                .reduce((a, b) -> b).map(r -> r.name).orElse("");
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
