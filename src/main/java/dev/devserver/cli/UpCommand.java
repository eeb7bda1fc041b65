package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.DevserverException;
import dev.devserver.StateDir;
import dev.devserver.build.BuildResult;
import dev.devserver.build.ImageBuilder;
import dev.devserver.build.RuntimeCatalog;
import dev.devserver.build.RuntimeSources;
import dev.devserver.docker.Docker;
import dev.devserver.observe.Ansi;
import dev.devserver.observe.ContainerLogFiles;
import dev.devserver.observe.RequestLogFile;
import dev.devserver.observe.RequestLogPrinter;
import dev.devserver.project.Project;
import dev.devserver.router.Router;
import dev.devserver.router.RouterOptions;
import dev.devserver.serving.ServiceStatus;
import dev.devserver.serving.Serving;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "up", description = "Build every function, run it in a container and serve it at its Knative URL until Ctrl-C.")
public class UpCommand implements Callable<Integer> {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    @Mixin
    ProjectOptions project;

    @Option(names = "--port", defaultValue = "8080", description = "Router port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the router binds (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--ready-timeout", defaultValue = "60", description = "Seconds a new container may take to answer (default: ${DEFAULT-VALUE})")
    int readyTimeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Show every line of the Docker build output")
    boolean verbose;

    @Inject
    Vertx vertx;

    @Override
    public Integer call() throws InterruptedException {
        Project p = project.load();
        DockerClient docker = Docker.connect();
        if (!LOOPBACK.contains(host)) {
            System.err.println(Ansi.yellow("warning: ") + "the router listens on " + host
                    + ": other machines can reach your functions.");
        }
        Path logs = new StateDir(p.dir()).folder("logs");
        ContainerLogFiles containerLogs = new ContainerLogFiles(logs, System.out::println);
        Serving serving = new Serving(docker, p, containerLogs, Duration.ofSeconds(readyTimeoutSeconds));
        int removed = serving.removeLeftovers();
        if (removed > 0) {
            System.out.println("Removed " + removed + " container(s) left by an earlier run.");
        }
        RequestLogFile requestLog = new RequestLogFile(logs.resolve("requests.jsonl"));
        Router router = new Router(vertx, serving, new RouterOptions(host, port, RouterOptions.DEFAULT_ACTIVATION_TIMEOUT, RouterOptions.DEFAULT_REVISION_TIMEOUT),
                requestLog.andThen(new RequestLogPrinter()));
        serving.routerPort(bind(router));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: removing containers…");
            serving.close();
            containerLogs.close();
            stopped.countDown();
        }));

        ImageBuilder builder = new ImageBuilder(docker, new RuntimeSources(RuntimeCatalog.locate()), ImageBuilder.offlineBasesRequested());
        BuildProgress progress = new BuildProgress(System.out, verbose);
        List<BuildResult> builds = builder.buildAll(p, p.functions(), progress);
        progress.report(builds);
        serving.deploy(builds, secret -> null);
        reportNotReady(serving.statuses());
        System.out.println();
        ServicesTable.print(System.out, p, serving.statuses());
        System.out.println();
        System.out.println("Request log: " + logs.resolve("requests.jsonl") + ". Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private int bind(Router router) {
        try {
            return router.start().toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw new DevserverException("Cannot listen on " + host + ":" + port + " (" + rootMessage(e)
                    + "). Another program (or another devserver) may use that port: stop it or pick another with --port.");
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }

    private static void reportNotReady(List<ServiceStatus> statuses) {
        for (ServiceStatus s : statuses) {
            if (!s.ready()) {
                System.out.println(Ansi.red("✘ ") + s.function() + " is not ready: " + s.reason());
            }
        }
    }
}
