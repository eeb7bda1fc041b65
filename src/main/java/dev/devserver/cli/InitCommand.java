package dev.devserver.cli;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.ProjectDiscovery;
import dev.devserver.project.scaffold.Scaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Scaffold a new function from a runtime's starter into <project>/NAME/ and add it to serverless.yml.")
public class InitCommand implements Callable<Integer> {
    @Option(names = "--runtime", required = true, paramLabel = "ALIAS",
            description = "Runtime alias (gitlab/runtimes/nodejs, openfaas/classic/python3, …) or `dockerfile`")
    String runtime;

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name (a DNS label, e.g. `my-function`)")
    String name;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "serverless.yml to add the function to; created when missing"
                    + " (default: the nearest serverless.yml in this folder or above, else ./serverless.yml)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path target = file != null ? file : ProjectDiscovery.serverlessFile(Path.of("")).orElse(Path.of("").toAbsolutePath());
        Scaffold.Result r = Scaffold.init(target, runtime, name);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = r.serverlessFile().getParent();
        out.println(Ansi.green("✔ ") + "Created " + dir.relativize(r.functionDir()) + "/ from the " + runtime + " starter:");
        r.files().forEach(f -> out.println("    " + dir.relativize(f)));
        out.println(Ansi.green("✔ ") + (r.createdServerlessFile() ? "Created " : "Added " + name + " to ")
                + r.serverlessFile().getFileName() + (r.createdServerlessFile() ? " (service " + r.project().service() + ")" : ""));
        FunctionSpec f = r.project().function(name).orElseThrow();
        out.println("  Run `devserver up`, then call it at " + f.url(r.project(), 8080));
        out.flush();
        return 0;
    }
}
