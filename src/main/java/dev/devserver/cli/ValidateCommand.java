package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.image.BuildContext;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectDiscovery;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check serverless.yml (or a root Dockerfile) and report every problem at once.")
public class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "serverless.yml to check (default: the nearest serverless.yml in this folder or above,"
                    + " else the nearest Dockerfile for an application)")
    Path file;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:KUBE_NAMESPACE}",
            description = "Namespace in function URLs (default: $KUBE_NAMESPACE, else <project-dir>-local)")
    String namespace;

    @Option(names = "--domain", paramLabel = "D", defaultValue = Settings.DEFAULT_DOMAIN,
            description = "Domain in function URLs (default: ${DEFAULT-VALUE})")
    String domain;

    @Option(names = "--json", description = "Print the result as one JSON object; problems as {file, line, column, message}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json) {
            return callJson();
        }
        Project project = load();
        PrintWriter out = spec.commandLine().getOut();
        String what = project.file() == null ? "Dockerfile project" : project.file().getFileName().toString();
        out.printf("✔ %s is valid: service %s, %d function(s)%n", what, project.service(), project.functions().size());
        for (FunctionSpec f : project.functions()) {
            out.printf("  %s -> %s (%s)%n", f.name(), f.host(project),
                    f.runtime() == null ? "Dockerfile" : f.runtime());
        }
        project.notes().forEach(out::println);
        contextWarnings(project).forEach(w -> out.println("warning: " + w));
        out.flush();
        return 0;
    }

    /** What each function's build context will leave out, found by reading the folders as a build would. */
    static List<String> contextWarnings(Project project) {
        List<String> warnings = new ArrayList<>();
        for (FunctionSpec f : project.functions()) {
            try {
                warnings.addAll(BuildContext.warnings(project, f));
            } catch (IOException e) {
                warnings.add(f.name() + ": cannot read " + f.source() + ": " + e.getMessage());
            }
        }
        return warnings;
    }

    /** The same exit codes as the text output, with everything on stdout for the reading program. */
    private int callJson() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(ValidationJson.valid(load()));
            return 0;
        } catch (DevserverException e) {
            out.println(ValidationJson.invalid(e));
            return e.exitCode();
        } finally {
            out.flush();
        }
    }

    private Project load() {
        return ProjectLoader.load(file == null ? ProjectDiscovery.find(Path.of("")) : file, new Settings(namespace, domain));
    }
}
