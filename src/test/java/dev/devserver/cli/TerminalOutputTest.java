package dev.devserver.cli;

import dev.devserver.project.FunctionSpec;
import dev.devserver.serving.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build status line and `up`'s summary, on a terminal (rewritten in place) and piped (plain lines). */
class TerminalOutputTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static FunctionSpec function(String name) {
        return new FunctionSpec(name, "s-" + name, null, Path.of("/tmp"), null, null, Map.of(), List.of(), Map.of(),
                Map.of(), null, 1);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalStepsRewriteOneLine() {
        BuildProgress progress = new BuildProgress(new StatusLine(stream, true), false);
        progress.line(function("a"), "Step 3/12 : RUN npm install");
        progress.line(function("b"), "Step 1/4 : FROM debian");
        progress.line(function("a"), "some build output");
        assertEquals(2, text().split("\r\u001b\\[2K", -1).length - 1, text());
        assertTrue(text().endsWith("building  a [step 3/12]  b [step 1/4]"), text());
        assertTrue(!text().contains("\n"), "no line scrolled: " + text());
    }

    @Test
    void pipedStepsArePlainLines() {
        StatusLine line = new StatusLine(stream, false);
        BuildProgress progress = new BuildProgress(line, false);
        progress.line(function("a"), "Step 3/12 : RUN npm install");
        progress.line(function("a"), "some build output");
        line.status("never shown");
        assertEquals("a │ build │ Step 3/12 : RUN npm install\n", text());
    }

    @Test
    void linesPrintAboveTheStatusLine() {
        StatusLine line = new StatusLine(stream, true);
        line.status("summary");
        line.println("GET / 200");
        assertEquals("\r\u001b[2Ksummary\r\u001b[2KGET / 200\nsummary", text());
    }

    @Test
    void summaryCountsRequestsAndServerErrors() {
        LiveSummary summary = new LiveSummary(new StatusLine(stream, true), Duration.ofSeconds(2));
        List<ServiceStatus> statuses = List.of(new ServiceStatus("a", "s-a", "http://a", true, null),
                new ServiceStatus("b", "s-b", "http://b", false, "building"));
        assertEquals("● 1/2 functions ready · 2.5 req/s · 1 errors (5xx) in the last 2s", summary.text(statuses, 5, 1));
    }
}
