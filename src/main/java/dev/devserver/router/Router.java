package dev.devserver.router;

import dev.devserver.serving.ServiceDirectory;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The HTTP front door: answers {@code <ksvc>.<namespace>.<domain>} like Knative's ingress + activator and proxies
 * to the function's container; answers devserver's own hosts (localhost, 127.0.0.1, [::1]) itself.
 * A second listener, {@link Cluster}, takes calls from function containers through the same chain.
 * Chain per request: {@link RouteStep} → {@link DrainStep} → {@link NetworkProbeStep} → {@link RecordStep}
 * (log, metrics) → {@link ActivateStep} → {@link UpgradeStep} (WebSocket) → {@link ProxyStep}.
 */
public final class Router {
    private final Vertx vertx;
    private final ServiceDirectory services;
    private final RouterOptions options;
    private final Consumer<RequestRecord> requestListener;
    private final RequestMetrics metrics;
    private final Handler<HttpServerRequest> ownHostHandler;
    private final Https https;
    private final List<String> deployments = new ArrayList<>();
    private volatile int boundHttpsPort = -1;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private volatile boolean forced;

    /**
     * HTTPS next to HTTP, through the same handler chain; HTTP/2 is offered by ALPN next to HTTP/1.1.
     *
     * @param port 0: any free one
     */
    public record Https(int port, PemKeyCertOptions keyCert) {
        public Https {
            Objects.requireNonNull(keyCert, "keyCert");
        }

        /** -2: the HTTPS servers' own shared random port (-1 is the HTTP servers'; one number would share a socket). */
        int listenPort() {
            return port == 0 ? -2 : port;
        }
    }

    /**
     * The listener for calls from function containers: the cluster network's gateway address, port 80 (what
     * {@code http://<ksvc>.<ns>.svc.cluster.local} means). Binding it may fail (port 80 needs root or
     * {@code net.ipv4.ip_unprivileged_port_start}); {@code unavailable} then hears why, and the router serves on.
     */
    public record Cluster(String host, int port, Consumer<String> unavailable) {
        public Cluster {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(unavailable, "unavailable");
        }
    }

    private Cluster cluster;
    private final AtomicBoolean clusterReported = new AtomicBoolean();

    /** Also listen for calls from function containers; call before {@link #start()}. */
    public Router cluster(Cluster listener) {
        this.cluster = listener;
        return this;
    }

    /** HTTP only, no metrics, nothing on devserver's own hosts but {@code /healthz}. */
    public Router(Vertx vertx, ServiceDirectory services, RouterOptions options, Consumer<RequestRecord> requestListener) {
        this(vertx, services, options, requestListener, RequestMetrics.NONE, null, null);
    }

    /**
     * @param ownHostHandler gets every request to devserver's own hosts except {@code /healthz} (the API, the UI); null: 404
     * @param https          also serve HTTPS, or null
     */
    public Router(Vertx vertx, ServiceDirectory services, RouterOptions options, Consumer<RequestRecord> requestListener,
                  RequestMetrics metrics, Handler<HttpServerRequest> ownHostHandler, Https https) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.services = Objects.requireNonNull(services, "services");
        this.options = Objects.requireNonNull(options, "options");
        this.requestListener = requestListener == null ? record -> { } : requestListener;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ownHostHandler = ownHostHandler;
        this.https = https;
    }

    /** The bound HTTPS port once started, or -1 when HTTPS is off. */
    public int httpsPort() {
        return boundHttpsPort;
    }

    /** Binds one server per CPU (sharing the port), and one HTTPS server each when asked; completes with the HTTP port. */
    public Future<Integer> start() {
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        // Vert.x shares a server between instances listening on the same port; a negative port means
        // "one random port shared by all instances using this number" (port 0 would give each its own).
        int listenPort = options.port() == 0 ? -1 : options.port();
        List<RouterVerticle> verticles = new ArrayList<>();
        List<Future<?>> deployed = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            RouterVerticle verticle = new RouterVerticle(this, listenPort);
            verticles.add(verticle);
            deployed.add(deploy(verticle));
        }
        return Future.all(deployed).map(v -> {
            boundHttpsPort = verticles.get(0).actualHttpsPort();
            return verticles.get(0).actualPort();
        });
    }

    /** Requests to functions being answered right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops routing as Knative drains a pod: new requests to functions get 503, and this blocks until those in
     * flight have finished, {@code max} passed, or {@link #force()} was called. Returns whether all finished.
     */
    public boolean drain(Duration max) throws InterruptedException {
        draining = true;
        return DrainStep.awaitIdle(inFlight, max, () -> forced);
    }

    /** Stops waiting for requests in flight (a second Ctrl-C). */
    public void force() {
        forced = true;
    }

    public Future<Void> stop() {
        List<Future<?>> undeployed = new ArrayList<>();
        synchronized (deployments) {
            // On Ctrl-C Quarkus may have undeployed everything already; undeploying again logs a stack trace.
            deployments.stream().filter(vertx.deploymentIDs()::contains).forEach(id -> undeployed.add(vertx.undeploy(id)));
            deployments.clear();
        }
        return Future.all(undeployed).mapEmpty();
    }

    /**
     * {@link #stop()}, waited for at most {@code max}: on Ctrl-C Quarkus closes Vert.x in its own shutdown hook at the
     * same time, and an undeploy racing that may never complete. The router goes away with Vert.x anyway.
     */
    public void stopWithin(Duration max) {
        try {
            stop().toCompletionStage().toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            // not stopped in time, or Vert.x was closed already: what the caller does next matters more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Future<Void> deploy(RouterVerticle verticle) {
        return vertx.deployVerticle(verticle).map(id -> {
            synchronized (deployments) {
                deployments.add(id);
            }
            return null;
        });
    }

    /** Null when calls from function containers are off. */
    Cluster cluster() {
        return cluster;
    }

    /** Reports once (every event loop's server fails alike) that the cluster listener could not bind. */
    void clusterUnavailable(String why) {
        if (clusterReported.compareAndSet(false, true)) {
            cluster.unavailable().accept("Calls between functions are off: the router cannot listen on " + why
                    + (why.contains("ermission") ? ". Port 80 needs root or `sysctl net.ipv4.ip_unprivileged_port_start=80`." : "."));
        }
    }

    /** Null when HTTPS is off. */
    Https https() {
        return https;
    }

    RouterOptions options() {
        return options;
    }

    ServiceDirectory services() {
        return services;
    }

    Consumer<RequestRecord> requestListener() {
        return requestListener;
    }

    Handler<HttpServerRequest> ownHostHandler() {
        return ownHostHandler;
    }

    RequestMetrics metrics() {
        return metrics;
    }

    DrainStep drainStep(Handler<Exchange> next) {
        return new DrainStep(inFlight, () -> draining, next);
    }
}
