package dev.devserver.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.serving.FunctionView;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The function page's charts from a request log as big as a load test leaves: counted as read, never kept. */
class ActivityApiTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final FunctionView ECHO = new FunctionView("echo", "functions-echo", "ns", "http://x", true, null,
            "functions-echo-00001", "functions-echo-00001", List.of(), 1, NOW);

    /** Lines at the given ages, made as they are scanned; remembers weakly which it handed out. */
    private static final class MadeOnRead implements LogSearch {
        final List<Duration> ages;
        final List<WeakReference<ObjectNode>> handedOut = new ArrayList<>();
        int stillReachableMidway = -1;

        MadeOnRead(List<Duration> ages) {
            this.ages = ages;
        }

        @Override
        public void scan(String function, String query, Instant since, Instant until, Consumer<ObjectNode> each) {
            for (int i = 0; i < ages.size(); i++) {
                ObjectNode line = JsonNodeFactory.instance.objectNode().put("timestamp", NOW.minus(ages.get(i)).toString());
                line.putObject("httpRequest").put("status", i % 10 == 0 ? 503 : 200).put("latency", "0.002s");
                handedOut.add(new WeakReference<>(line));
                each.accept(line);
                if (i == ages.size() / 2) {
                    System.gc();
                    stillReachableMidway = (int) handedOut.stream().filter(ref -> ref.get() != null).count();
                }
            }
        }

        @Override
        public List<ObjectNode> search(String function, String query, Instant since, Instant until, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AutoCloseable follow(String function, String query, Consumer<ObjectNode> listener) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void linesAreCountedAndDroppedAsTheyAreRead() {
        List<Duration> ages = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ages.add(Duration.ofSeconds(i % 600)); // the last 10 minutes
        }
        MadeOnRead logs = new MadeOnRead(ages);
        Map<String, Object> activity = new ActivityApi(logs, null).activity(ECHO, "auto", NOW);
        assertTrue(logs.stillReachableMidway >= 0 && logs.stillReachableMidway < 100,
                "lines read are not kept: " + logs.stillReachableMidway + " of 10,001 still reachable midway");
        assertEquals("15m", activity.get("window"));
        @SuppressWarnings("unchecked") Map<String, Object> totals = (Map<String, Object>) activity.get("totals");
        assertEquals(20_000L, totals.get("invocations"));
        assertEquals(2_000L, totals.get("errors"));
    }

    @Test
    void autoPicksTheShortestWindowHoldingTheOldestRequestAndCountsOnlyItsRequests() {
        MadeOnRead logs = new MadeOnRead(List.of(Duration.ofMinutes(5), Duration.ofMinutes(50), Duration.ofHours(7),
                Duration.ofHours(9)));
        Map<String, Object> auto = new ActivityApi(logs, null).activity(ECHO, "auto", NOW);
        assertEquals("8h", auto.get("window"));
        assertEquals(3L, ((Map<?, ?>) auto.get("totals")).get("invocations"), "the 9 h old one is outside 8 h");
        Map<String, Object> hour = new ActivityApi(new MadeOnRead(logs.ages), null).activity(ECHO, "1h", NOW);
        assertEquals("1h", hour.get("window"));
        assertEquals(2L, ((Map<?, ?>) hour.get("totals")).get("invocations"));
        assertEquals(false, hour.get("auto"));
    }
}
