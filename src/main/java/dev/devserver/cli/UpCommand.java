package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.Background;
import dev.devserver.DevserverException;
import dev.devserver.docker.Docker;
import dev.devserver.image.BuildCa;
import dev.devserver.image.BuildListener;
import dev.devserver.image.RuntimeCatalog;
import dev.devserver.image.RuntimeSources;
import dev.devserver.project.Debugger;
import dev.devserver.project.Project;
import dev.devserver.serving.ServiceStatus;
import dev.devserver.serving.ServingOptions;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import dev.devserver.tls.TlsSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@Command(name = "up", description = "Build every function, run it in a container and serve it at its Knative URL until Ctrl-C.")
public class UpCommand extends ServingCommand {
    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(3);

    @Mixin
    ProjectOptions project;

    @Mixin
    BuildOptions build;

    @Mixin
    ServingFlags servingFlags;

    @Option(names = "--log-max-mb", defaultValue = "20",
            description = "Rotate the request and container logs at this many MB, keeping three old files (default: ${DEFAULT-VALUE})")
    int logMaxMb;

    @Option(names = "--no-watch", description = "Do not rebuild and roll out functions when their files change")
    boolean noWatch;

    @Option(names = "--debug", split = ",", paramLabel = "FUNCTION[,FUNCTION…]", description = "Run these functions under"
            + " their runtime's debugger, listening on a loopback port printed beside the URLs (see README: Debugging)")
    List<String> debug = List.of();

    @Option(names = "--debug-config", description = "With --debug: print a VS Code launch.json entry per debugged function")
    boolean debugConfig;

    @Option(names = {"-v", "--verbose"}, description = "Show every line of the Docker build output")
    boolean verbose;

    @Option(names = "--json", description = "Print one JSON object per line for each event (build results, the ready"
            + " table, requests, reloads, container output) instead of text")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        Project p = project.load();
        if (debugConfig && debug.isEmpty()) {
            throw new DevserverException("--debug-config prints the debuggers of --debug: add --debug FUNCTION[,FUNCTION…].");
        }
        ServingOptions serving = servingFlags.serving().withDebugged(Debugger.select(p, debug));
        BuildCa ca = build.buildCa();
        DockerClient docker = Docker.connect();
        RuntimeCatalog catalog = RuntimeCatalog.locate();
        // Decided while the session sets up its router, API and TLS: asking Docker Hub takes seconds when it is unreachable.
        CompletableFuture<Boolean> bases = Background.start("base-images", () -> BuildOptions.offlineBases(p, docker, catalog));
        SessionOptions options = sessionOptions(servingFlags.revisionTimeout, false, serving, !noWatch)
                .withOfflineBases(() -> Background.await(bases))
                .withLogMaxBytes(Math.max(1, logMaxMb) * 1024L * 1024L).withBuildCa(ca);
        StatusLine terminal = json ? new StatusLine(System.out, false) : StatusLine.forStdout();
        JsonEvents events = new JsonEvents(System.out);
        BuildProgress progress = new BuildProgress(terminal, verbose);
        LiveSummary summary = new LiveSummary(terminal, SUMMARY_INTERVAL);
        Foreground foreground = new Foreground(p.dir(), host, p.namespace()).onStop(shutdown, stopped -> {
            summary.close();
            if (json) {
                events.print(JsonEvents.event("stopping"));
            } else {
                System.out.println(Foreground.stopping(stopped.inFlight(), stopped.gracePeriod().toSeconds()));
            }
        }, () -> {
            if (!json) {
                System.out.println("Forcing: containers are killed now.");
            }
        });
        Session session = Session.start(p, options, vertx, docker, new RuntimeSources(catalog),
                json ? BuildListener.SILENT : progress, json ? events : new TextConsole(terminal, summary), foreground::opened);
        if (foreground.stoppedWhileStarting(session)) {
            return 0;
        }
        if (json) {
            events.builds(session.builds());
            events.ready(p, session.serving().statuses(), session.requestLog().toString());
            session.debugPorts().forEach((function, port) -> events.print(JsonEvents.event("debugger")
                    .put("function", function).put("address", "127.0.0.1:" + port)));
        } else {
            printReady(session, progress, terminal);
            DebugPorts.print(System.out, p, session.debugPorts(), debugConfig);
            summary.start(session.serving()::statuses);
        }
        foreground.await();
        return 0;
    }


    private static void printReady(Session session, BuildProgress progress, StatusLine terminal) {
        progress.report(session.builds());
        for (ServiceStatus s : session.serving().statuses()) {
            if (!s.ready()) {
                terminal.println(Ansi.red("✘ ") + s.function() + " is not ready: " + s.reason());
            }
        }
        System.out.println();
        ServicesTable.print(System.out, session.project(), session.serving().statuses(), session.httpsPort());
        System.out.println();
        if (session.tls() != null && session.tls().fromLocalCa()) {
            String example = session.serving().statuses().stream().findFirst()
                    .map(s -> ServicesTable.httpsUrl(s.url(), session.httpsPort()))
                    .orElse("https://localhost:" + session.httpsPort() + "/healthz");
            TlsSetup.trustHint(session.tls(), example).forEach(System.out::println);
            System.out.println();
        }
        System.out.println("Request log: " + session.requestLog() + ". Press Ctrl-C to stop.");
    }
}
