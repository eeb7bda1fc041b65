package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.image.BuildContext;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check serverless.yml (or a root Dockerfile) and report every problem at once.")
public class ValidateCommand extends ProjectCommand {
    @Option(names = "--json", description = "Print the result as one JSON object; problems as {file, line, column, message}")
    boolean json;

    @Override
    public Integer call() {
        if (json) {
            return callJson();
        }
        Project p = project.load();
        PrintWriter out = spec.commandLine().getOut();
        String what = p.file() == null ? "Dockerfile project" : p.file().getFileName().toString();
        out.printf("✔ %s is valid: service %s, %d function(s)%n", what, p.service(), p.functions().size());
        for (FunctionSpec f : p.functions()) {
            out.printf("  %s -> %s (%s)%n", f.name(), f.host(p),
                    f.runtime() == null ? "Dockerfile" : f.runtime());
        }
        p.notes().forEach(out::println);
        contextWarnings(p).forEach(w -> out.println("warning: " + w));
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
            out.println(ValidationJson.valid(project.load()));
            return 0;
        } catch (DevserverException e) {
            out.println(ValidationJson.invalid(e));
            return e.exitCode();
        } finally {
            out.flush();
        }
    }
}
