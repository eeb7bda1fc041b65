package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.project.Project;
import dev.devserver.secrets.SecretStore;
import dev.devserver.render.GitlabCi;
import dev.devserver.render.ManifestFiles;
import dev.devserver.render.ManifestYaml;
import dev.devserver.render.Render;
import dev.devserver.render.SecretSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Print the Knative Services gitlabktl would deploy for this project, for a real cluster.",
                "Secrets are referenced by name; --secrets also prints their values from the local store."})
public class RenderCommand extends ProjectCommand {
    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Write one file per object (<name>.ksvc.yaml, <name>.secret.yaml) instead of printing")
    Path outputDir;

    @Option(names = "--registry", paramLabel = "R",
            description = "Image registry prefix, e.g. registry.gitlab.com/group/project (default: provider.registry)")
    String registry;

    @Option(names = "--secrets", description = "Also render Kubernetes Secrets with the values in the local store")
    boolean secrets;

    @Option(names = "--force", description = "With -o, replace files that an earlier render did not write")
    boolean force;

    @Option(names = "--gitlab-ci", description = "Print a .gitlab-ci.yml that deploys this project with GitLab instead")
    boolean gitlabCi;

    /** The local secret store, read only with --secrets. */
    static SecretSource localSecrets(Project p) {
        return new SecretStore(p.dir(), p.namespace())::get;
    }

    @Override
    public Integer call() {
        Project p = project.load();
        PrintWriter out = spec.commandLine().getOut();
        if (gitlabCi) {
            if (outputDir != null || secrets) {
                throw new DevserverException("--gitlab-ci prints only the CI file: drop -o and --secrets, and"
                        + " redirect it: devserver render --gitlab-ci > .gitlab-ci.yml");
            }
            out.print(GitlabCi.file(p));
            out.flush();
            return 0;
        }
        Render render = Render.of(p, registry, secrets ? Optional.of(localSecrets(p)) : Optional.empty());
        warnAboutMissing(p, render);
        if (outputDir == null) {
            out.print(ManifestYaml.documents(render.manifests()));
        } else {
            for (ManifestFiles.Written w : ManifestFiles.write(outputDir, render.manifests(), force)) {
                out.println(switch (w.outcome()) {
                    case CREATED -> "created " + w.file();
                    case UPDATED -> "updated " + w.file();
                    case OVERWROTE_USER_FILE -> "replaced (--force) " + w.file();
                });
            }
        }
        out.flush();
        return 0;
    }

    private void warnAboutMissing(Project p, Render render) {
        PrintWriter err = spec.commandLine().getErr();
        for (String name : render.missingSecrets()) {
            err.printf("warning: secret `%s` is not in the local secret store, so no Secret is rendered for it;"
                    + " the Services reference it as optional. Create it in the cluster with:"
                    + " kubectl create secret generic %s -n %s --from-literal KEY=VALUE%n", name, name, p.namespace());
        }
        err.flush();
    }
}
