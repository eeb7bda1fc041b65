package dev.devserver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.observe.logs.LogFolder;
import dev.devserver.observe.logs.LogStore;
import dev.devserver.observe.query.Since;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * `devserver logs`: searches the request and container logs `up` keeps in {@code .devserver/logs}; needs no running
 * `up`. {@code -f} means follow (as in kubectl and docker logs), so the project file is {@code --file} only here,
 * which is why this command declares it instead of mixing in {@link ProjectOptions} (whose {@code -f} is --file).
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show request logs and container output, searched with a Kibana-like query.")
public class LogsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FUNCTION", description = "Only this function (default: all)")
    String function;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C")
    boolean follow;

    @Option(names = {"-q", "--query"}, paramLabel = "Q",
            description = "e.g. 'httpRequest.status>=500', 'message:/timeout/ AND NOT stream:stdout'")
    String query;

    @Option(names = "--since", paramLabel = "WHEN", description = "Age (10m, 1h, 2d) or UTC time (2026-11-25T10:00:00Z)")
    String since;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "100",
            description = "At most the N newest lines (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print the stored JSON lines")
    boolean json;

    @Option(names = "--file", paramLabel = "FILE", description = "serverless.yml of the project (default: ./serverless.yml)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ProjectOptions options = new ProjectOptions();
        options.file = file;
        options.domain = "localhost"; // URLs are not shown; only the project's names matter here
        Project project = options.load();
        if (function != null && project.function(function).isEmpty()) {
            throw new DevserverException("No function `" + function + "` in " + (project.file() != null ? project.file() : project.dir())
                    + "; its functions: " + project.functions().stream().map(FunctionSpec::name)
                    .collect(Collectors.joining(", ")));
        }
        Map<String, String> functionOfService = project.functions().stream()
                .collect(Collectors.toMap(FunctionSpec::knativeService, FunctionSpec::name, (a, b) -> a));
        LogStore store = new LogStore(LogFolder.of(project.dir()),
                name -> project.function(name).map(FunctionSpec::knativeService).orElse(null), functionOfService::get);
        PrintWriter out = spec.commandLine().getOut();
        Function<ObjectNode, String> show = json ? ObjectNode::toString
                : new LogLineFormat(service -> functionOfService.getOrDefault(service, service))::format;

        Instant from = since == null ? null : parseSince();
        store.search(function, query, from, limit).forEach(line -> out.println(show.apply(line)));
        out.flush();
        if (follow) {
            store.follow(function, query, line -> {
                out.println(show.apply(line));
                out.flush();
            });
            new CountDownLatch(1).await(); // until Ctrl-C ends the process (the tail is a daemon thread)
        }
        return 0;
    }

    private Instant parseSince() {
        try {
            return Since.parse(since, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new DevserverException("--since: " + e.getMessage());
        }
    }
}
