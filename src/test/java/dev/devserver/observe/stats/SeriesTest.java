package dev.devserver.observe.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;

/** RequestSeries and LineStats over hand-made lines shaped like devserver's request and container lines. */
class SeriesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T13:25:10Z");
    private static final TimeWindow WINDOW = TimeWindow.preset("15m", NOW);

    static ObjectNode request(Instant at, String method, int status, String latency, String function) {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("timestamp", at.toString()).put("service", "functions-" + function)
                .put("revision", "functions-" + function + "-00001").put("function", function);
        line.putObject("httpRequest").put("requestMethod", method).put("status", status).put("latency", latency);
        return line;
    }

    static ObjectNode output(Instant at, String function, String message) {
        return JsonNodeFactory.instance.objectNode().put("timestamp", at.toString()).put("function", function)
                .put("revision", "functions-" + function + "-00002").put("stream", "stdout").put("message", message);
    }

    @Test
    void requestsAreCountedPerBucketWithPercentilesAndErrorRate() {
        RequestSeries series = new RequestSeries(WINDOW);
        Instant last = WINDOW.start(29);
        for (int i = 1; i <= 20; i++) {
            series.accept(request(last.plusMillis(i), "GET", i <= 5 ? 503 : 200, String.format("0.%03ds", i), "echo"));
        }
        series.accept(request(WINDOW.start(3), "POST", 200, "0.100000s", "echo"));
        series.accept(output(last, "echo", "not a request"));
        series.accept(request(WINDOW.from().minusSeconds(1), "GET", 200, "0.1s", "echo")); // before the window
        long[] invocations = series.invocations();
        assertEquals(20, invocations[29]);
        assertEquals(1, invocations[3]);
        assertEquals(21, Arrays.stream(invocations).sum());
        assertEquals(5, series.errors()[29]);
        assertEquals(25.0, series.errorRate()[29]);
        assertEquals(0.0, series.errorRate()[3]);
        assertNull(series.errorRate()[0], "no requests: a gap, not 0 %");
        assertEquals(10.0, series.latencyPercentile(50)[29], 1e-9);
        assertEquals(19.0, series.latencyPercentile(95)[29], 1e-9);
        assertEquals(100.0, series.latencyPercentile(95)[3], 1e-9);
        assertNull(series.latencyPercentile(50)[0]);
        assertEquals(11.0, series.overallPercentile(50), 1e-9);
    }

    @Test
    void latencyTextIsKnativesSecondsFormat() {
        assertEquals(1.234, RequestSeries.latencyMillis("0.001234s"), 1e-9);
        assertEquals(2000.0, RequestSeries.latencyMillis("2"), 1e-9);
        assertNull(RequestSeries.latencyMillis(""));
        assertNull(RequestSeries.latencyMillis("fast"));
        assertNull(RequestSeries.percentile(List.of(), 50));
    }

    @Test
    void lineStatsCountEveryLinePerBucketAndTheTopValuesOfTheSidebarFields() {
        LineStats stats = new LineStats();
        Instant at = WINDOW.start(10);
        for (int i = 0; i < 6; i++) {
            stats.accept(request(at, "GET", 200, "0.001s", "echo"));
        }
        for (int i = 0; i < 3; i++) {
            stats.accept(request(at.plusSeconds(30), "POST", 404, "0.001s", "hello"));
        }
        stats.accept(output(at, "echo", "listening"));
        stats.accept(JsonNodeFactory.instance.objectNode().put("message", "no timestamp"));
        assertEquals(10, stats.total());
        assertEquals(7, stats.counts(WINDOW)[10]);
        assertEquals(3, stats.counts(WINDOW)[11]);
        assertEquals(at, stats.oldest().orElseThrow());
        Map<String, List<LineStats.ValueCount>> top = stats.top(5);
        assertEquals(List.of("httpRequest.status", "function", "httpRequest.requestMethod", "revision"), List.copyOf(top.keySet()));
        assertEquals(List.of(new LineStats.ValueCount("200", 6), new LineStats.ValueCount("404", 3)), top.get("httpRequest.status"));
        assertEquals(List.of(new LineStats.ValueCount("echo", 7), new LineStats.ValueCount("hello", 3)), top.get("function"));
        assertEquals(3, top.get("revision").size());
        assertEquals(1, stats.top(1).get("revision").size());
        assertArrayEquals(new long[WINDOW.buckets()], new LineStats().counts(WINDOW));
        assertTrue(new LineStats().oldest().isEmpty());
    }
}
