package dev.devserver.session;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.DevserverException;
import dev.devserver.api.ApiServer;
import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.image.ImageCleanup;
import dev.devserver.image.RuntimeSources;
import dev.devserver.manifests.AppliedServices;
import dev.devserver.manifests.Namespaces;
import dev.devserver.observe.logs.ContainerLogFiles;
import dev.devserver.observe.logs.LogFolder;
import dev.devserver.observe.logs.LogStore;
import dev.devserver.observe.logs.RequestLogFile;
import dev.devserver.observe.metrics.KnativeMetrics;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.router.DebugPortForward;
import dev.devserver.router.RequestRecord;
import dev.devserver.router.Router;
import dev.devserver.router.RouterOptions;
import dev.devserver.secrets.MissingSecrets;
import dev.devserver.secrets.SecretStore;
import dev.devserver.serving.ContainerOutput;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.Serving;
import dev.devserver.tls.TlsMaterial;
import dev.devserver.tls.TlsSetup;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One `devserver up`: the composition root that wires the stages together (build → serving → router → observe)
 * for a project, and takes them down again. The CLI only presents it; tests drive it directly.
 */
public final class Session implements AutoCloseable {
    private final CurrentProject project;
    private HotReload hotReload;
    private RetiredImages retiredImages;
    private volatile ImageBuilder builder; // set by the start, stopped by a close from another thread (Ctrl-C)
    private final Serving serving;
    private final Router router;
    private final ContainerLogFiles containerLogs;
    private final RequestLogFile requestLog;
    private final KnativeMetrics metrics = new KnativeMetrics();
    private final LogStore logSearch;
    private final int port;
    private final TlsMaterial tls;
    private final ApiServer api;
    private final AppliedServices services;
    private final KubeApi kubeApi;
    private List<BuildResult> builds = List.of();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** `up --debug`: each debugged function's debugger port on loopback, by function name. */
    private final Map<String, DebugPortForward> debugPorts = new LinkedHashMap<>();

    /**
     * Wires the stages in the order data flows, each given what it needs when it is made: ports first (a bad
     * certificate or a clashing port fails before anything starts), then serving, the API, and the router last, bound
     * at once so a busy port fails fast.
     */
    private Session(Project project, SessionOptions options, Vertx vertx, DockerClient docker, SessionListener listener) {
        this.project = new CurrentProject(project);
        this.tls = options.tls().enabled() ? TlsSetup.prepare(options.tls(), project, listener::message) : null;
        this.port = SessionPorts.concrete(options.host(), options.port());
        int httpsPort = tls == null ? -1 : SessionPorts.https(options, port);
        Path logs = LogFolder.createOrWarn(project.dir(), listener::message);
        this.containerLogs = new ContainerLogFiles(logs, options.logMaxBytes());
        ContainerOutput output = (function, revision, stderr, text) -> {
            containerLogs.line(function, revision, stderr, text);
            listener.containerLine(function, revision, stderr, text);
        };
        this.serving = new Serving(docker, this.project, output, options.serving(),
                new SessionEvents(listener, metrics, project.namespace()), port, options.revisionTimeout());
        this.requestLog = new RequestLogFile(LogFolder.requests(logs), options.logMaxBytes());
        // The API and UI search the log files written above, and answer on devserver's own hosts.
        this.logSearch = new LogStore(logs, function -> this.project.get().function(function)
                .map(FunctionSpec::knativeService).orElse(function), service -> serving.views().stream()
                .filter(v -> v.knativeService().equals(service)).map(FunctionView::function).findFirst().orElse(null));
        this.services = new AppliedServices(serving.knativeServices(), project.dir(), new Namespaces(project),
                namespace -> new SecretStore(project.dir(), namespace).lookup());
        this.api = new ApiServer(vertx, this.project, serving::views, options.host(), port, () -> httpsPort, logSearch,
                metrics, services);
        this.router = new Router(vertx, serving, new RouterOptions(options.host(), port, options.activationTimeout(),
                options.revisionTimeout(), !options.serving().debugged().isEmpty()), requestLog.andThen(new InBackground<RequestRecord>("request-view",
                listener::request, listener::message)), metrics, api,
                tls == null ? null : new Router.Https(httpsPort, tls.keyCertOptions()));
        serving.clusterGateway().ifPresent(gateway -> router.cluster(new Router.Cluster(gateway, CLUSTER_PORT, listener::message)));
        bind(options.host(), port, httpsPort);
        this.kubeApi = new KubeApi(vertx, options.host(), api, tls, project, listener::message);
        try {
            debugPorts.putAll(SessionPorts.debuggers(vertx, project, options.serving().debugged(), serving));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Each debugged function's debugger port on 127.0.0.1, in serverless.yml order. */
    public Map<String, Integer> debugPorts() {
        return debugPorts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().port(), (a, b) -> a, LinkedHashMap::new));
    }

    /** Binds the router first (a busy port fails fast), removes leftovers of a crashed run, then builds and deploys. */
    public static Session start(Project project, SessionOptions options, Vertx vertx, DockerClient docker,
                                RuntimeSources runtimes, BuildListener buildListener, SessionListener listener) {
        return start(project, options, vertx, docker, runtimes, buildListener, listener, opened -> { });
    }

    /**
     * @param opened given the session as soon as its router is bound, before the builds: a stop may then close it
     *               (Ctrl-C during a long build), and its {@link #whenListening} tells when kubectl can reach it
     */
    public static Session start(Project project, SessionOptions options, Vertx vertx, DockerClient docker,
                                RuntimeSources runtimes, BuildListener buildListener, SessionListener listener,
                                Consumer<Session> opened) {
        Session session = new Session(project, options, vertx, docker, listener);
        try {
            opened.accept(session);
            int removed = session.serving.removeLeftovers();
            if (removed > 0) {
                listener.message("Removed " + removed + " container(s) left by an earlier run.");
            }
            session.services.restore(listener::message);
            ImageBuilder builder = new ImageBuilder(docker, runtimes, options.offlineBases().getAsBoolean(), options.buildCa())
                    .debugging(options.serving().debugged());
            session.builder = builder;
            SecretStore secrets = new SecretStore(project.dir(), project.namespace());
            session.retiredImages = new RetiredImages(new ImageCleanup(docker), project.dir());
            session.hotReload = options.watch() ? HotReload.start(session.project, builder, session.serving,
                    runtimes.catalog().root(), secrets, session.retiredImages, listener) : null;
            session.serving.projectChanged(); // every function known, "not built yet": /healthz says 503 until deployed
            session.builds = builder.buildAll(project, project.functions(), buildListener);
            if (session.closed()) {
                return session; // stopped while it built: the builds were cancelled, there is nothing to deploy
            }
            MissingSecrets.describe(project, secrets).forEach(listener::message);
            session.serving.deploy(session.builds, secrets.lookup(), () -> listener.routed(session.port,
                    (int) session.serving.statuses().stream().filter(s -> !s.ready()).count()));
            session.api.warmUp(); // in the background: the first dev UI page load is then as fast as the next
            session.retiredImages.tidy();
            if (session.hotReload != null) {
                session.hotReload.deployed();
            }
            session.kubeApi.await();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void bind(String host, int httpPort, int httpsPort) {
        try {
            router.start().toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            close();
            String ports = tls == null ? ":" + httpPort : " ports " + httpPort + " (http) and " + httpsPort + " (https)";
            throw new DevserverException("Cannot listen on " + host + ports + " (" + Failures.rootMessage(e)
                    + "). Another program (or another devserver) may use that port: stop it or pick another with --port"
                    + (tls == null ? "." : " or --https-port."));
        }
    }

    /** Runs {@code action} once the Kubernetes API listens too (on another thread, or now); never if it failed to. */
    public void whenListening(Runnable action) {
        kubeApi.whenListening(action);
    }

    public Project project() {
        return project.get();
    }

    public Serving serving() {
        return serving;
    }

    public List<BuildResult> builds() {
        return builds;
    }

    public int port() {
        return port;
    }

    /** The HTTPS port, or -1 when `up` serves HTTP only. */
    public int httpsPort() {
        return router.httpsPort();
    }

    /** The certificate HTTPS uses, or null when `up` serves HTTP only. */
    public TlsMaterial tls() {
        return tls;
    }

    /** The HTTPS port of the Kubernetes API (the router's HTTPS port under `up --tls` with the local CA). */
    public int kubeApiPort() {
        return kubeApi.port(httpsPort());
    }

    /** The CA certificate of the Kubernetes API's HTTPS. */
    public Path kubeApiCa() {
        return kubeApi.ca();
    }

    public Path requestLog() {
        return requestLog.path();
    }

    /** Prometheus text and the invocations chart; serving reports pods and cold starts to it. */
    public KnativeMetrics metrics() {
        return metrics;
    }

    /** Request and container logs with the Kibana-like query. */
    public LogStore logSearch() {
        return logSearch;
    }

    /** How long close() waits for the router to stop before it removes the containers, which matters more. */
    private static final Duration ROUTER_STOP = Duration.ofSeconds(5);
    /** Where {@code http://<ksvc>.<ns>.svc.cluster.local} goes: the cluster listener, on the cluster network's gateway. */
    private static final int CLUSTER_PORT = 80;

    /**
     * Stops as Knative terminates a revision's pods: routing stops (new requests get 503), requests in flight finish
     * (bounded by the revision timeout), then every container gets SIGTERM and the same grace period before SIGKILL;
     * logs are flushed last, so what a container prints while it shuts down is kept. {@link #force()} cuts it short.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a stop during the start, and the start's own clean-up after it
        }
        if (builder != null) {
            builder.stop();
        }
        if (hotReload != null) {
            hotReload.close();
        }
        try {
            router.drain(serving.gracePeriod());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        router.stopWithin(ROUTER_STOP);
        if (kubeApi != null) {
            kubeApi.close();
        }
        api.close();
        debugPorts.values().forEach(DebugPortForward::close);
        serving.close();
        if (retiredImages != null) {
            retiredImages.close();
        }
        requestLog.close();
        containerLogs.close();
    }

    /** Closed: stopped, or its start failed. */
    public boolean closed() {
        return closed.get();
    }

    /** Requests to functions in flight right now (what a stop waits for). */
    public int inFlight() {
        return router.inFlight();
    }

    /** How long a stop may wait for requests in flight, and then for each container after SIGTERM. */
    public Duration gracePeriod() {
        return serving.gracePeriod();
    }

    /** A second Ctrl-C: stop waiting for requests in flight; containers get SIGKILL at once. */
    public void force() {
        router.force();
        serving.force();
    }
}
