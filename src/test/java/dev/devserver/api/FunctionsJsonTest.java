package dev.devserver.api;

import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;
import dev.devserver.serving.TrafficView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the dev UI's split bar reads: status.traffic as serving reports it, and each revision's share. */
class FunctionsJsonTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final RevisionView FIRST = new RevisionView("web-00001", "web", "web:1", NOW, true, null, 1, true, 1);
    static final RevisionView SECOND = new RevisionView("web-00002", "web", "web:2", NOW, true, null, 1, true, 2);

    @Test
    void anAppliedSplitServiceReportsEachTargetWithItsTagAndShare() {
        FunctionView view = new FunctionView("web", "web", "default", "http://web.default.localhost", true, null,
                "web-00002", "web-00002", List.of(FIRST, SECOND), 2, NOW, true, false, List.of(
                new TrafficView("web-00001", false, "stable", 80),
                new TrafficView("web-00002", true, null, 20),
                new TrafficView("web-00002", false, "candidate", 0)));

        List<Map<String, Object>> traffic = FunctionsJson.traffic(view);

        assertEquals(List.of("web-00001", "web-00002", "web-00002"), traffic.stream().map(t -> t.get("revision")).toList());
        assertEquals(List.of(80, 20, 0), traffic.stream().map(t -> t.get("percent")).toList());
        assertEquals("stable", traffic.get(0).get("tag"));
        assertEquals(true, traffic.get(1).get("latest"));
        assertEquals(80, FunctionsJson.revision(FIRST, traffic).get("percent"));
        assertEquals(20, FunctionsJson.revision(SECOND, traffic).get("percent"));
    }

    @Test
    void aFunctionWithoutAReadyRevisionHasNoTargetYet() {
        FunctionView view = new FunctionView("echo", "functions-echo", "default", "http://x", false, "Deploying",
                "functions-echo-00001", "", List.of(), 0, NOW);

        assertEquals(List.of(), FunctionsJson.traffic(view));
    }
}
