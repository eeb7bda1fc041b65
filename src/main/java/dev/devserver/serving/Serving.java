package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.image.BuildResult;
import dev.devserver.project.Debugger;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the project's functions as Knative services: each deployed image + configuration is a revision, traffic
 * moves to a new revision once it is ready and the old one drains; containers scale with load, to zero when idle,
 * and back when a request arrives. The router reads it as a {@link ServiceDirectory}.
 */
public final class Serving implements ServiceDirectory, AutoCloseable {
    private final Containers containers;
    private final ServingOptions options;
    private final ServingEvents events;
    private final Map<String, FunctionService> byFunction = new ConcurrentHashMap<>();
    private final Map<String, ServiceRoute> byHost = new ConcurrentHashMap<>();
    private final KnativeServices manifests;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("serving"));
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("autoscaler"));
    private final FirstStarts firstStarts = new FirstStarts();
    private final ReplicaLauncher launcher;
    private final GracefulStop stopper;
    private final CrashRecovery recovery;
    private final Autoscaler autoscaler;
    private final Rollout rollout;
    private final Supplier<Project> project;
    private final int routerPort;
    private final ClusterNetwork cluster;
    private final PauseContainers pauses;
    private final AheadContainers ahead;
    private final ReloadHeadStart headStart;

    /**
     * @param project      the current project, read at each use (hot reload replaces it, then calls {@link #projectChanged})
     * @param routerPort   the port the router listens on, for the functions' URLs
     * @param drainTimeout how long a replaced revision may finish its requests in flight (Knative's revision timeout)
     */
    public Serving(DockerClient docker, Supplier<Project> project, ContainerOutput output, ServingOptions options,
                   ServingEvents events, int routerPort, Duration drainTimeout) {
        this.containers = new Containers(docker);
        this.options = options;
        this.events = events;
        this.project = project;
        this.routerPort = routerPort;
        this.stopper = new GracefulStop(containers, events);
        stopper.grace(drainTimeout); // Knative uses the revision timeout as the pod's termination grace period
        this.pauses = new PauseContainers(docker, project.get().dir().toString(), workers);
        this.ahead = new AheadContainers(containers, pauses, workers);
        this.headStart = new ReloadHeadStart(pauses, ahead);
        this.launcher = new ReplicaLauncher(containers, output, events, workers, options.readyTimeout(), this::crashed, stopper,
                project.get().dir().toString(), pauses, ahead);
        this.recovery = new CrashRecovery(containers, launcher, events, clock);
        this.autoscaler = new Autoscaler(options, launcher, events);
        this.rollout = new Rollout(options, launcher, workers, drainTimeout);
        this.cluster = ClusterNetwork.open(docker, project.get().dir(), notice -> events.info("cluster", notice)).orElse(null);
        if (cluster != null) {
            containers.join(cluster);
            pauses.join(cluster);
        }
        project.get().functions().forEach(this::register);
        this.manifests = new KnativeServices(this, rollout, byFunction, byHost, project, routerPort);
        hostsChanged();
        clock.scheduleWithFixedDelay(this::tick, options.tick().toMillis(), options.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private FunctionService register(FunctionSpec f) {
        FunctionService service = byFunction.computeIfAbsent(f.name(), name -> new FunctionService(project.get().namespace(),
                f.knativeService(), f.name(), () -> f.url(project.get(), routerPort), this::demand, false));
        if (byHost.put(f.host(project.get()), service) == null) {
            hostsChanged();
        }
        return service;
    }

    /**
     * Where function containers reach the router (the cluster network's gateway; the router listens there on port 80),
     * or empty when calls between functions are off.
     */
    public Optional<String> clusterGateway() {
        return Optional.ofNullable(cluster).map(c -> c.gateway);
    }

    /** Call after the host table changed: the containers' hosts file names every routable host again. */
    void hostsChanged() {
        if (cluster != null) {
            cluster.hosts(byHost.keySet(), clusterNames());
        }
    }

    private ClusterNames clusterNames() {
        Set<String> namespaces = new HashSet<>(Set.of(project.get().namespace()));
        byFunction.values().forEach(s -> namespaces.add(s.namespace())); // `devserver cluster`'s services in other namespaces
        return new ClusterNames(namespaces, project.get().domain());
    }

    /** Removes containers a previous run left behind (crash, SIGKILL); returns how many. */
    public int removeLeftovers() {
        return containers.removeAll(project.get().dir().toString());
    }

    /**
     * Rolls out every build and waits until each new revision serves or failed. Every revision takes its requests
     * before any container starts (they wait for it, as Knative's activator holds requests during a cold start; its
     * status says "starting" until a container answers), then {@code routed} runs, then the containers start a few
     * at a time.
     */
    public void deploy(List<BuildResult> builds, Function<String, Map<String, String>> secrets, Runnable routed) {
        List<Runnable> starts = new ArrayList<>();
        List<CompletableFuture<String>> rollouts = builds.stream()
                .map(b -> rollOut(b, secrets, starts::add).exceptionally(failed -> null)).toList();
        routed.run();
        firstStarts.run(starts, rollouts);
    }

    /**
     * Starts a new revision of the built function; once it is ready it takes the traffic and the previous revision
     * drains. A build or start failure leaves the previous revision serving. Completes with the new revision's name,
     * or exceptionally with the reason it did not become ready.
     */
    public CompletableFuture<String> rollOut(BuildResult build, Function<String, Map<String, String>> secrets) {
        return rollOut(build, secrets, Runnable::run);
    }

    /** @param starts runs the start of the revision's first containers (which waits until they answer or failed) */
    private CompletableFuture<String> rollOut(BuildResult build, Function<String, Map<String, String>> secrets,
                                              Executor starts) {
        FunctionSpec function = build.function();
        FunctionService service = register(function);
        if (!build.ok()) {
            service.notReady("build failed: " + build.error());
            return CompletableFuture.failedFuture(new NotReadyException(502, "build failed: " + build.error()));
        }
        Debugger debugger = options.debugged().contains(function.name()) ? Debugger.of(function.runtime()).orElse(null) : null;
        Revision revision = rollout.create(service, null, RevisionSpec.of(project.get(), function, build.image(), secrets),
                debugger);
        revision.pending = build.pending();
        revision.nextBase.set(build.next());
        return rollout.launch(service, revision, starts);
    }

    private void crashed(Revision revision, Replica replica) {
        recovery.crashed(revision, replica);
    }

    /** Scale-out for waiting requests runs on serving's threads: the router's event loop never waits for Docker. */
    void demand(Revision revision) {
        if (revision.demandQueued.compareAndSet(false, true)) {
            workers.execute(() -> {
                revision.demandQueued.set(false);
                autoscaler.demand(revision);
            });
        }
    }

    private void tick() {
        try {
            for (FunctionService s : byFunction.values()) {
                s.current().ifPresent(autoscaler::tick);
                s.routed().stream().filter(r -> s.current().orElse(null) != r).forEach(autoscaler::tick);
            }
        } catch (RuntimeException e) {
            events.info("autoscaler", "tick failed: " + e.getMessage());
        }
    }

    /** Adopts a changed serverless.yml: new functions become routable, removed ones stop serving. */
    public void projectChanged() {
        Project changed = project.get();
        for (FunctionService service : List.copyOf(byFunction.values())) {
            if (!service.manifest() && changed.function(service.function()).isEmpty()) {
                remove(service);
            }
        }
        // Register the new hosts before dropping stale ones: a request arriving meanwhile never finds an empty table.
        changed.functions().forEach(this::register);
        Set<String> hosts = changed.functions().stream().map(f -> f.host(changed))
                .collect(Collectors.toSet());
        if (byHost.entrySet().removeIf(e -> !hosts.contains(e.getKey()) && !manifests.ownsHost(e.getKey()))) {
            hostsChanged();
        }
    }

    private void remove(FunctionService service) {
        remove(service, service.function() + " was removed from serverless.yml");
    }

    /** Stops every revision of the service; requests waiting for it get 404 with {@code why}. */
    void remove(FunctionService service, String why) {
        byFunction.remove(service.function());
        ahead.discard(service.function());
        rollout.stopService(service, why);
    }

    @Override
    public Optional<ServiceRoute> find(String hostName) {
        return Optional.ofNullable(byHost.get(hostName));
    }

    @Override
    public Optional<ServiceRoute> findFromCluster(String hostName) {
        return find(clusterNames().publicHost(hostName).orElse(hostName));
    }

    /** The serverless.yml functions' readiness (/healthz waits for these, not for services applied through the API). */
    @Override
    public List<ServiceStatus> statuses() {
        return ordered().stream().filter(s -> !s.manifest()).map(FunctionService::status).toList();
    }

    public List<FunctionView> views() {
        return ordered().stream().map(FunctionService::view).toList();
    }

    /** The project's functions in file order, then the Knative Services applied through the API by name. */
    private List<FunctionService> ordered() {
        List<FunctionService> functions = project.get().functions().stream().map(f -> byFunction.get(f.name()))
                .filter(s -> s != null && !s.manifest()).toList();
        return Stream.concat(functions.stream(), manifests.all().stream()).toList();
    }

    /** What to start before reloads need it. */
    public ReloadHeadStart headStart() {
        return headStart;
    }

    /** Knative Services applied through the Kubernetes API: their revisions and traffic. */
    public KnativeServices knativeServices() {
        return manifests;
    }

    public Optional<FunctionService> function(String name) {
        return Optional.ofNullable(byFunction.get(name));
    }

    /** Stops the autoscaler, then every container of this project gracefully; returns when all are gone. */
    @Override
    public void close() {
        firstStarts.close();
        clock.shutdownNow();
        byFunction.values().forEach(s -> s.history().forEach(r -> r.lifecycle.retire()));
        byFunction.values().forEach(s -> s.history().forEach(r -> r.replicas.forEach(Replica::stop)));
        ahead.close();
        pauses.close();
        stopper.stopAll(project.get().dir().toString(), workers);
        workers.shutdownNow();
        if (cluster != null) {
            cluster.remove();
        }
    }

    /** Cuts every graceful wait short: containers being stopped, and all stopped from now on, get SIGKILL. */
    public void force() {
        stopper.force();
    }

    /** The grace period a container gets between SIGTERM and SIGKILL. */
    public Duration gracePeriod() {
        return stopper.grace();
    }
}
