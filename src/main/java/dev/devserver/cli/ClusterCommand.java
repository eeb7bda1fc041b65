package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.DevserverException;
import dev.devserver.RunningUp;
import dev.devserver.docker.Docker;
import dev.devserver.image.BuildListener;
import dev.devserver.image.RuntimeCatalog;
import dev.devserver.image.RuntimeSources;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.ServingOptions;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code devserver cluster}: `up`'s session with an empty project in the current folder, so namespaces and Knative
 * Services come only through the Kubernetes API (kubectl, `devserver deploy`), kept in {@code .devserver/} there.
 */
@Command(name = "cluster", description = {"Run an empty Knative-in-a-box in this folder until Ctrl-C: create namespaces"
        + " with `kubectl create namespace`, services with `kubectl apply` or `devserver deploy`.",
        "KUBECONFIG=<(devserver kubeconfig) kubectl get ksvc -A (with gcloud's kubectl dispatcher, a file: see"
        + " `devserver kubeconfig --help`); what was applied is served again on the next start."})
public class ClusterCommand extends ServingCommand {
    @Option(names = "--domain", defaultValue = "localhost", description = "Domain of the services' URLs (default: ${DEFAULT-VALUE})")
    String domain;

    @Option(names = "--revision-timeout", defaultValue = "300s", converter = DurationConverter.class,
            description = "Default timeoutSeconds of a revision, as Knative's revision-timeout-seconds (default: ${DEFAULT-VALUE})")
    Duration revisionTimeout;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        Project cluster = Project.cluster(Path.of("").toAbsolutePath().normalize(), domain);
        RunningUp.find(cluster.dir(), ignored -> { }).ifPresent(running -> {
            throw new DevserverException("A devserver already serves " + cluster.dir() + " (pid " + running.pid() + ", port "
                    + running.port() + "): stop it first, or run `devserver cluster` in another folder.");
        });
        DockerClient docker = Docker.connect();
        SessionOptions options = sessionOptions(revisionTimeout, false, ServingOptions.defaults(), false);
        StatusLine terminal = StatusLine.forStdout();
        LiveSummary summary = new LiveSummary(terminal, Duration.ofSeconds(3));
        Foreground foreground = new Foreground(cluster.dir(), host, cluster.namespace()).onStop(shutdown, stopped -> {
            summary.close();
            System.out.println(Foreground.stopping(stopped.inFlight(), stopped.gracePeriod().toSeconds()));
        }, () -> System.out.println("Forcing: containers are killed now."));
        Session session = Session.start(cluster, options, vertx, docker, new RuntimeSources(RuntimeCatalog.locate()),
                BuildListener.SILENT, new TextConsole(terminal, summary), foreground::opened);
        if (foreground.stoppedWhileStarting(session)) {
            return 0;
        }
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("Knative cluster ready in " + took + " ms in " + cluster.dir() + ": services answer at http://"
                + "<service>.<namespace>." + domain + ":" + session.port() + (session.httpsPort() > 0
                ? " and https://…:" + session.httpsPort() : "") + "; the Kubernetes API at https://" + host + ":"
                + session.kubeApiPort() + ".");
        for (FunctionView v : session.serving().views()) {
            System.out.println("  " + v.namespace() + "/" + v.knativeService() + "  " + v.url());
        }
        System.out.println("  devserver kubeconfig > kubeconfig; export KUBECONFIG=$PWD/kubeconfig");
        System.out.println("  kubectl create namespace demo; kubectl apply -n demo -f service.yaml  (or from a project:"
                + " devserver deploy --kubeconfig " + cluster.dir().resolve("kubeconfig") + " --namespace demo)");
        System.out.println("Request log: " + session.requestLog() + ". Press Ctrl-C to stop.");
        summary.start(session.serving()::statuses);
        foreground.await();
        return 0;
    }
}
