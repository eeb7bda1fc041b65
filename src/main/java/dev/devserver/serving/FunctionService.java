package dev.devserver.serving;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One function as a Knative service: the latest ready revision, the revisions before it, and where requests go — all
 * to the latest ready revision (serverless.yml functions, Knative's default) or split as a Knative Service's
 * {@code spec.traffic} says, with tagged targets reachable on their own hosts ({@link #tagged}).
 */
public final class FunctionService implements ServiceRoute {
    private final ServiceId id;
    private final Supplier<String> url;
    private final Consumer<Revision> demand;
    private final boolean manifest;
    private final List<Revision> history = new CopyOnWriteArrayList<>();
    private final Instant created = Instant.now();
    private volatile Revision current;
    private volatile String notReadyReason = ServiceStatus.NOT_BUILT;
    private volatile List<TrafficTarget> traffic = TrafficTarget.LATEST;
    private volatile boolean clusterLocal;
    private int generation;

    FunctionService(String namespace, String knativeService, String function, Supplier<String> url, Consumer<Revision> demand,
                    boolean manifest) {
        this.id = new ServiceId(namespace, knativeService, function);
        this.url = url;
        this.demand = demand;
        this.manifest = manifest;
    }

    @Override
    public ServiceId id() {
        return id;
    }

    @Override
    public boolean clusterLocal() {
        return clusterLocal;
    }

    boolean manifest() {
        return manifest;
    }

    public String url() {
        return url.get();
    }

    /** Knative's name for the next revision, {@code <service>-<5-digit generation>}, unless the template names it. */
    synchronized String nextRevisionName(String given) {
        generation++;
        return given != null ? given : revisionName(id.knativeService(), generation);
    }

    /** Knative's name for generation {@code generation} of {@code knativeService}. */
    static String revisionName(String knativeService, long generation) {
        return String.format("%s-%05d", knativeService, generation);
    }

    /** Restores the generation counter of a service whose revisions came back from disk. */
    synchronized void generationAtLeast(long restored) {
        generation = (int) Math.max(generation, restored);
    }

    synchronized void created(Revision revision) {
        revision.generation = generation;
        history.add(revision);
    }

    boolean isLatest(Revision revision) {
        return !history.isEmpty() && history.get(history.size() - 1) == revision;
    }

    List<Revision> history() {
        return history;
    }

    Optional<Revision> revision(String name) {
        return history.stream().filter(r -> r.name.equals(name)).findFirst();
    }

    /** Routes the latest-revision traffic to {@code revision}; returns the revision it replaces (to drain), if any. */
    Optional<Revision> serve(Revision revision) {
        Revision previous = current;
        current = revision;
        return Optional.ofNullable(previous).filter(p -> p != revision);
    }

    @Override
    public boolean debugged() {
        Revision serving = current;
        return serving != null && serving.debugger != null;
    }

    /** Where the debugger of the revision receiving traffic listens (its one container), once it started. */
    public Optional<Endpoint> debugEndpoint() {
        Revision serving = current;
        return serving == null ? Optional.empty() : serving.replicas.stream()
                .filter(r -> r.state() == Replica.State.READY && r.debugEndpoint != null)
                .map(r -> r.debugEndpoint).findFirst();
    }

    Optional<Revision> current() {
        return Optional.ofNullable(current);
    }

    /** Sets how requests split (validated: known revisions, 100 in all) and the visibility. */
    void route(List<TrafficTarget> targets, boolean local) {
        traffic = targets.equals(TrafficTarget.LATEST) ? TrafficTarget.LATEST : List.copyOf(targets);
        clusterLocal = local;
    }

    List<TrafficTarget> traffic() {
        return traffic;
    }

    /** The revisions requests may reach now: the latest ready one when followed, those named, tagged ones too. */
    Set<Revision> routed() {
        Set<Revision> out = new LinkedHashSet<>();
        for (TrafficTarget t : traffic) {
            if (t.percent() > 0 || t.tag() != null) {
                resolve(t).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<Revision> resolve(TrafficTarget target) {
        return target.latest() ? Optional.ofNullable(current) : revision(target.revision());
    }

    void notReady(String reason) {
        notReadyReason = reason;
    }

    @Override
    public CompletionStage<Lease> acquire() {
        List<TrafficTarget> targets = traffic;
        if (targets == TrafficTarget.LATEST) { // the common case costs nothing more
            return acquire(current);
        }
        int dice = ThreadLocalRandom.current().nextInt(100);
        for (TrafficTarget t : targets) {
            dice -= t.percent();
            if (dice < 0) {
                return acquire(t);
            }
        }
        return acquire(targets.get(targets.size() - 1));
    }

    private CompletionStage<Lease> acquire(TrafficTarget target) {
        return target.latest() ? acquire(current) : acquire(revision(target.revision()).orElse(null));
    }

    private CompletionStage<Lease> acquire(Revision revision) {
        if (revision == null) {
            return CompletableFuture.failedFuture(new NotReadyException(503, id.function() + " is not ready: " + notReadyReason));
        }
        Optional<NotReadyException> refused = revision.ready() ? Optional.empty() : revision.lifecycle.refusal();
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(refused.get());
        }
        CompletableFuture<Lease> lease = revision.acquire();
        if (!lease.isDone() || revision.inFlight() > revision.policy.target() * revision.count(Replica.State.READY)) {
            demand.accept(revision);
        }
        return lease;
    }

    /** The route of a tagged target, for its host {@code <tag>-<service>.<namespace>.<domain>}. */
    ServiceRoute tagged(String tag) {
        return new TaggedRoute(this, tag);
    }

    /** A lease on the revision the tag names now; empty when the traffic names the tag no more. */
    Optional<CompletionStage<Lease>> acquireTagged(String tag) {
        return traffic.stream().filter(t -> tag.equals(t.tag())).findFirst().map(this::acquire);
    }

    public ServiceStatus status() {
        Revision revision = current;
        boolean ready = revision != null && revision.lifecycle.succeeded();
        String reason = ready ? "" : revision == null ? notReadyReason
                : revision.lifecycle.failure().orElse(ServiceStatus.STARTING);
        return new ServiceStatus(id.function(), id.knativeService(), url(), ready, reason);
    }

    public FunctionView view() {
        Revision active = current;
        Set<Revision> routed = routed();
        List<RevisionView> revisions = history.stream().map(r -> new RevisionView(r.name, id.knativeService(), r.image,
                r.created, r.lifecycle.succeeded(), r.lifecycle.failure().orElse(null),
                (int) r.replicas.stream().filter(Replica::live).count(), r == active || routed.contains(r), r.generation)).toList();
        String latestReady = history.stream().filter(r -> r.lifecycle.succeeded())
                .reduce((a, b) -> b).map(r -> r.name).orElse("");
        String latestCreated = history.isEmpty() ? "" : history.get(history.size() - 1).name;
        ServiceStatus status = status();
        List<TrafficView> trafficViews = traffic.stream().map(t -> new TrafficView(t.latest() ? latestReady
                : resolve(t).map(r -> r.name).orElse(""), t.latest(), t.tag(), t.percent())).toList();
        return new FunctionView(id.function(), id.knativeService(), id.namespace(), url(), status.ready(), status.reason(),
                latestCreated, latestReady, revisions, revisions.stream().mapToInt(RevisionView::containers).sum(), created,
                manifest, clusterLocal, trafficViews);
    }

    public String revisionName() {
        Revision revision = current;
        return revision == null ? "" : revision.name;
    }
}
