package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.build.BuildResult;
import dev.devserver.docker.Labels;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs the project's functions as Knative-like services: one revision per deployed image and configuration,
 * one container per revision, readiness probed before traffic. The router reads it as a {@link ServiceDirectory}.
 */
public final class Serving implements ServiceDirectory, AutoCloseable {
    private final Project project;
    private final Containers containers;
    private final ContainerOutput output;
    private final Duration readyTimeout;
    private final Map<String, FunctionService> byHost = new LinkedHashMap<>();
    private final Map<String, FunctionService> byFunction = new LinkedHashMap<>();
    /** Container starts and readiness waits block; they must not queue behind each other on the common pool. */
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "serving");
        thread.setDaemon(true);
        return thread;
    });

    private volatile int routerPort = 8080;

    public Serving(DockerClient docker, Project project, ContainerOutput output, Duration readyTimeout) {
        this.project = project;
        this.containers = new Containers(docker);
        this.output = output;
        this.readyTimeout = readyTimeout;
        for (FunctionSpec f : project.functions()) {
            FunctionService service = new FunctionService(project.namespace(), f.knativeService(), f.name(), () -> f.url(project, routerPort));
            byHost.put(f.host(project), service);
            byFunction.put(f.name(), service);
        }
    }

    /** The port the router listens on, for the functions' URLs. */
    public void routerPort(int port) {
        routerPort = port;
    }

    /** Removes containers a previous run left behind (crash, SIGKILL); returns how many. */
    public int removeLeftovers() {
        return containers.removeAll(project.dir().toString());
    }

    /** Starts a new revision of every successfully built function and waits until each is ready or failed. */
    public void deploy(List<BuildResult> builds, Function<String, Map<String, String>> secrets) {
        CompletableFuture.allOf(builds.stream().map(build -> CompletableFuture.runAsync(() -> deploy(build, secrets), workers))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void deploy(BuildResult build, Function<String, Map<String, String>> secrets) {
        FunctionService service = byFunction.get(build.function().name());
        if (!build.ok()) {
            service.notReady("build failed: " + build.error());
            return;
        }
        String name = service.nextRevisionName();
        Map<String, String> env = Environment.of(project, build.function(), name, secrets);
        Revision revision = new Revision(name, build.image(), Environment.asDockerEnv(env));
        service.serve(revision);
        startReplica(service, build.function(), revision);
    }

    private void startReplica(FunctionService service, FunctionSpec function, Revision revision) {
        Replica replica;
        try {
            replica = containers.start(revision.image, revision.name, revision.env, labels(function, revision));
        } catch (RuntimeException e) {
            revision.fail("container did not start: " + e.getMessage());
            return;
        }
        revision.replicas.add(replica);
        containers.follow(replica, (stderr, line) -> {
            replica.remember(line);
            output.line(function.name(), revision.name, stderr, line);
        }, () -> onExit(revision, replica));
        try {
            if (Probe.awaitReady(replica.endpoint, readyTimeout, () -> containers.exitCode(replica) != null)) {
                replica.ready = true;
                revision.firstReady.complete(null);
            } else {
                Integer code = containers.exitCode(replica);
                revision.fail((code == null ? "not ready after " + readyTimeout.toSeconds() + " s"
                        : "container exited with code " + code) + lastLines(replica));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onExit(Revision revision, Replica replica) {
        if (replica.stopping) {
            return;
        }
        replica.ready = false;
        Integer code = containers.exitCode(replica);
        if (code != null && !revision.ready()) {
            revision.fail("container exited with code " + code + lastLines(replica));
        }
    }

    private static String lastLines(Replica replica) {
        List<String> lines = replica.lastLines();
        return lines.isEmpty() ? "" : "; last output:\n    " + String.join("\n    ", lines);
    }

    private Map<String, String> labels(FunctionSpec function, Revision revision) {
        return Map.of(Labels.PROJECT, project.dir().toString(),
                Labels.FUNCTION, function.name(),
                Labels.KNATIVE_SERVICE, function.knativeService(),
                Labels.KNATIVE_CONFIGURATION, function.knativeService(),
                Labels.KNATIVE_REVISION, revision.name);
    }

    @Override
    public Optional<ServiceRoute> find(String hostName) {
        return Optional.ofNullable(byHost.get(hostName));
    }

    @Override
    public List<ServiceStatus> statuses() {
        return byFunction.values().stream().map(FunctionService::status).toList();
    }

    public List<FunctionView> views() {
        return byFunction.values().stream().map(FunctionService::view).toList();
    }

    public Optional<FunctionService> function(String name) {
        return Optional.ofNullable(byFunction.get(name));
    }

    /** Stops and removes every container of this run. */
    @Override
    public void close() {
        byFunction.values().forEach(s -> s.current().ifPresent(r -> r.replicas.forEach(replica -> replica.stopping = true)));
        removeLeftovers();
    }
}
