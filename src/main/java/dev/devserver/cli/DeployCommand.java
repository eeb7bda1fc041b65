package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.deploy.Deployment;
import dev.devserver.deploy.ImagePlan;
import dev.devserver.deploy.KubeTarget;
import dev.devserver.deploy.Readiness;
import dev.devserver.docker.Docker;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.image.ImagePush;
import dev.devserver.image.RuntimeCatalog;
import dev.devserver.image.RuntimeSources;
import dev.devserver.project.Project;
import dev.devserver.render.SecretSource;
import dev.devserver.secrets.SecretStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@Command(name = "deploy", description = {"Build what changed and apply this project's Knative Services (and with --secrets"
        + " its Secrets) to a Kubernetes API with Knative: a `devserver cluster` on this machine, or a real cluster.",
        "Server-side apply under the field manager \"devserver\"; waits until each service is Ready and prints its URL."})
public class DeployCommand extends ProjectCommand {
    @Mixin
    BuildOptions build;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG or ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "C", description = "kubeconfig context (default: its current context)")
    String context;

    @Option(names = "--registry", paramLabel = "R", description = "Registry the cluster pulls from, e.g. registry.gitlab.com/group/"
            + "project (default: provider.registry); images are pushed there unless the cluster is a devserver on this machine")
    String registry;

    @Option(names = "--secrets", description = "Also apply the Secrets the functions read, with the values in the local store")
    boolean secrets;

    @Option(names = "--dry-run", description = "Build, then let the server check every object without changing anything (nothing pushed)")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "300s", converter = DurationConverter.class,
            description = "How long to wait for the services to become Ready (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-v", "--verbose"}, description = "Show every line of the Docker build output")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        Project p = project.load();
        PrintWriter out = spec.commandLine().getOut();
        try (KubeTarget target = KubeTarget.connect(kubeconfig, context)) {
            ImagePlan plan = ImagePlan.decide(registry != null ? registry : p.registry(), target.devserverOnThisMachine(),
                    target.server());
            out.println("Deploying to " + target.server() + ", namespace " + p.namespace() + ": " + plan.reason() + ".");
            out.flush();
            target.requireNamespace(p.namespace()); // before a build that would be for nothing
            DockerClient docker = Docker.connect();
            RuntimeCatalog catalog = RuntimeCatalog.locate();
            ImageBuilder builder = new ImageBuilder(docker, new RuntimeSources(catalog),
                    BuildOptions.offlineBases(p, docker, catalog), build.buildCa());
            BuildProgress progress = new BuildProgress(StatusLine.forStdout(), verbose);
            List<BuildResult> builds = builder.buildAll(p, p.functions(), progress);
            progress.report(builds);
            List<Deployment.Outcome> outcomes = new Deployment(p, target, plan, line -> {
                out.println(line);
                out.flush();
            }).run(builds, secrets ? Optional.of(localSecrets(p)) : Optional.empty(), dryRun, timeout,
                    new ImagePush(docker));
            return report(outcomes, out) ? 0 : 1;
        }
    }

    /** The target namespace's local secrets, else those `up` serves the project with (`devserver secret`'s default). */
    private SecretSource localSecrets(Project p) {
        SecretStore target = new SecretStore(p.dir(), p.namespace());
        SecretStore local = new SecretStore(p.dir(), project.localNamespace());
        return name -> target.get(name).or(() -> local.get(name));
    }

    /** One line per service: its URL and revision, or why it is not ready. */
    private boolean report(List<Deployment.Outcome> outcomes, PrintWriter out) {
        boolean allReady = true;
        for (Deployment.Outcome o : outcomes) {
            Readiness r = o.readiness();
            switch (r.state()) {
                case READY -> out.println(Ansi.green("✔ ") + o.service() + ": " + r.url() + " (revision " + r.revision() + ")");
                case FAILED -> out.println(Ansi.red("✘ ") + o.service() + " is not ready: " + r.reason());
                case PENDING -> out.println((dryRun ? "  " : Ansi.red("✘ ")) + o.service() + (dryRun ? ": checked by the"
                        + " server, not applied" : " is not ready after " + timeout.toSeconds() + " s: " + r.reason()));
            }
            allReady &= r.state() == Readiness.State.READY || dryRun;
        }
        out.flush();
        return allReady;
    }
}
