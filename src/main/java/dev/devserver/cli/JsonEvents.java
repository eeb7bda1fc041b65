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
import dev.devserver.session.SessionListener;

import java.io.PrintStream;
import java.util.List;
import java.time.Duration;

/** {@code --json}: one JSON object per line, each with an {@code event} field, for scripts and tools; built from the session's typed events. */
final class JsonEvents implements SessionListener {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Override
    public void routed(int port, int starting) {
        print(event("routed").put("port", port).put("starting", starting));
    }

    @Override
    public void request(RequestRecord record) {
        print((ObjectNode) event("request").set("request", LogLines.request(record)));
    }

    @Override
    public void containerLine(String function, String revision, boolean stderr, String text) {
        print(event("container").put("function", function).put("revision", revision)
                .put("stream", stderr ? "stderr" : "stdout").put("line", text));
    }

    @Override
    public void reloaded(String function, String revision, Duration took, String cause) {
        print(event("reload").put("function", function).put("ok", true).put("revision", revision)
                .put("durationMs", took.toMillis()).put("cause", cause)
                .put("message", "reloaded in " + took.toMillis() + " ms, revision " + revision + " (" + cause + ")"));
    }

    @Override
    public void reloadFailed(String function, String cause, String reason, List<String> logTail) {
        ObjectNode e = event("reload").put("function", function).put("ok", false).put("cause", cause).put("reason", reason)
                .put("message", "reload failed (" + cause + "): " + reason);
        logTail.forEach(e.putArray("logTail")::add);
        print(e);
    }

    @Override
    public void projectRejected(String problems) {
        print(event("message").put("text", "serverless.yml has problems; still serving the previous version:\n" + problems));
    }

    @Override
    public void notice(String function, String text) {
        print(event("message").put("function", function).put("text", function + ": " + text));
    }

    @Override
    public void message(String text) {
        print(event("message").put("text", text));
    }
}
