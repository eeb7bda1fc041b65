package dev.devserver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.image.BuildResult;
import dev.devserver.observe.logs.LogLines;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.router.RequestRecord;
import dev.devserver.serving.ServiceStatus;

import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --json}: one JSON object per line, each with an {@code event} field, for scripts and tools. */
final class JsonEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern CONTAINER_LINE = Pattern.compile("^(\\S+) │ (.*)$", Pattern.DOTALL);
    private static final Pattern RELOAD = Pattern.compile("^(\\S+): (reloaded in .*|reload failed.*)$", Pattern.DOTALL);

    private final PrintStream out;

    JsonEvents(PrintStream out) {
        this.out = out;
    }

    static ObjectNode event(String name) {
        return JSON.createObjectNode().put("event", name);
    }

    synchronized void print(ObjectNode event) {
        try {
            out.println(JSON.writeValueAsString(event));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of strings and numbers", e);
        }
    }

    /** Returns true when every build succeeded, as {@link BuildProgress#report} does. */
    boolean builds(List<BuildResult> results) {
        for (BuildResult r : results) {
            ObjectNode e = event("build").put("function", r.function().name()).put("ok", r.ok())
                    .put("image", r.image()).put("hash", r.hash()).put("cached", r.cached())
                    .put("durationMs", r.duration().toMillis()).put("error", r.error());
            r.logTail().forEach(e.putArray("logTail")::add);
            print(e);
        }
        return results.stream().allMatch(BuildResult::ok);
    }

    void ready(Project project, List<ServiceStatus> statuses, String requestLog) {
        ObjectNode e = event("ready").put("requestLog", requestLog);
        ArrayNode functions = e.putArray("functions");
        for (ServiceStatus s : statuses) {
            functions.addObject().put("function", s.function()).put("knativeService", s.knativeService())
                    .put("url", s.url()).put("runtime", project.function(s.function()).map(FunctionSpec::runtime).orElse(null))
                    .put("ready", s.ready()).put("reason", s.reason());
        }
        print(e);
    }

    void request(RequestRecord record) {
        print((ObjectNode) event("request").set("request", LogLines.request(record)));
    }

    /** A terminal line of `up`, classified: a container's output, a reload, or anything else as a message. */
    void terminal(String line) {
        String text = ANSI.matcher(line).replaceAll("");
        Matcher container = CONTAINER_LINE.matcher(text);
        Matcher reload = RELOAD.matcher(text);
        if (container.matches()) {
            print(event("container").put("function", container.group(1)).put("line", container.group(2)));
        } else if (reload.matches()) {
            print(event("reload").put("function", reload.group(1)).put("message", reload.group(2)));
        } else {
            print(event("message").put("text", text));
        }
    }
}
