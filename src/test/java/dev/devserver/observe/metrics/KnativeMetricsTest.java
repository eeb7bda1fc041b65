package dev.devserver.observe.metrics;

import dev.devserver.observe.stats.TimeWindow;
import dev.devserver.router.RequestRecord;
import dev.devserver.serving.Lease;
import dev.devserver.serving.ServiceId;
import dev.devserver.serving.ServiceRoute;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known requests in, Prometheus text out: the exact series names, labels and values Knative would expose. */
class KnativeMetricsTest {
    private static final String LABELS = "configuration_name=\"functions-echo\",namespace_name=\"ns\","
            + "revision_name=\"functions-echo-00001\",service_name=\"functions-echo\"";
    private static final Instant NOW = Instant.parse("2026-11-25T10:07:30Z");

    private static final ServiceRoute ECHO = new ServiceRoute() {
        public ServiceId id() { return new ServiceId("ns", "functions-echo", "echo"); }
        public CompletionStage<Lease> acquire() { throw new UnsupportedOperationException(); }
    };

    private static RequestRecord record(int status, long millis, String revision) {
        return new RequestRecord(NOW, "ns", "functions-echo", revision, "h", "GET", "/", 0, status, 0, "", "", "",
                "", Duration.ofMillis(millis), "HTTP/1.1", "");
    }

    @Test
    void requestCountAndLatencyHistogramWithKnativeNamesAndLabels() {
        KnativeMetrics metrics = new KnativeMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
        for (long ms : new long[] {3, 30, 7000}) {
            metrics.ended(ECHO, record(200, ms, "functions-echo-00001"));
        }
        metrics.ended(ECHO, record(500, 12, "functions-echo-00001"));
        metrics.ended(ECHO, record(503, 60_000, "")); // activation failed: no revision reached

        String text = metrics.scrape();
        assertTrue(text.contains("# TYPE revision_request_count counter\n"), text);
        assertTrue(text.contains("revision_request_count{" + LABELS.replace(",revision", ",response_code=\"200\","
                + "response_code_class=\"2xx\",revision") + "} 3.0\n"), text);
        assertTrue(text.contains("revision_request_count{" + LABELS.replace(",revision", ",response_code=\"500\","
                + "response_code_class=\"5xx\",revision") + "} 1.0\n"), text);
        assertFalse(text.contains("_total"), text);
        assertFalse(text.contains("response_code=\"503\""), text);

        String ok = LABELS.replace(",revision", ",response_code=\"200\",response_code_class=\"2xx\",revision");
        assertTrue(text.contains("# TYPE revision_request_latencies histogram\n"), text);
        assertTrue(text.contains("revision_request_latencies_bucket{" + ok + ",le=\"5.0\"} 1\n"), text);
        assertTrue(text.contains("revision_request_latencies_bucket{" + ok + ",le=\"40.0\"} 2\n"), text);
        assertTrue(text.contains("revision_request_latencies_bucket{" + ok + ",le=\"10000.0\"} 3\n"), text);
        assertTrue(text.contains("revision_request_latencies_bucket{" + ok + ",le=\"100000.0\"} 3\n"), text);
        assertTrue(text.contains("revision_request_latencies_count{" + ok + "} 3\n"), text);
        assertTrue(text.contains("revision_request_latencies_sum{" + ok + "} 7033.0\n"), text);
        assertFalse(text.contains("_milliseconds") || text.contains("_seconds"), text);
    }

    @Test
    void podGaugesFollowTheSuppliersUntilClosedAndColdStartsCount() throws Exception {
        KnativeMetrics metrics = new KnativeMetrics();
        AtomicInteger actual = new AtomicInteger(1);
        AutoCloseable pods = metrics.pods("ns", "functions-echo", "functions-echo-00001", actual::get, () -> 2);
        actual.set(3);
        metrics.coldStart("ns", "functions-echo", "functions-echo-00001", Duration.ofMillis(1500));

        String text = metrics.scrape();
        assertTrue(text.contains("autoscaler_actual_pods{" + LABELS + "} 3.0\n"), text);
        assertTrue(text.contains("autoscaler_desired_pods{" + LABELS + "} 2.0\n"), text);
        assertTrue(text.contains("activator_cold_start_count{" + LABELS + "} 1.0\n"), text);
        assertTrue(text.contains("activator_cold_start_latencies_bucket{" + LABELS + ",le=\"1000.0\"} 0\n"), text);
        assertTrue(text.contains("activator_cold_start_latencies_bucket{" + LABELS + ",le=\"2000.0\"} 1\n"), text);

        pods.close();
        assertFalse(metrics.scrape().contains("autoscaler_actual_pods{"), "a removed revision is no longer exported");
    }

    @Test
    void invocationsPerMinuteOldestFirstWithZeroGaps() {
        MutableClock clock = new MutableClock(NOW);
        KnativeMetrics metrics = new KnativeMetrics(clock);
        metrics.ended(ECHO, record(200, 1, "r"));
        metrics.ended(ECHO, record(503, 1, "")); // a failed request is still an invocation
        clock.now = NOW.plusSeconds(120);
        metrics.ended(ECHO, record(200, 1, "r"));

        List<MetricsView.Point> points = metrics.invocationsPerMinute("echo", 4);
        assertEquals(List.of(0L, 2L, 0L, 1L), points.stream().map(MetricsView.Point::invocations).toList());
        assertEquals(Instant.parse("2026-11-25T10:09:00Z"), points.get(3).minute());
        assertEquals(480, metrics.invocationsPerMinute("echo", 100_000).size(), "capped at GitLab's 8 hours");
        assertEquals(List.of(0L, 0L), metrics.invocationsPerMinute("other", 2).stream()
                .map(MetricsView.Point::invocations).toList());

        clock.now = NOW.plus(Duration.ofHours(8)).plusSeconds(180); // past a full lap the old minutes are gone, not counted twice
        assertEquals(0, metrics.invocationsPerMinute("echo", 480).stream().mapToLong(MetricsView.Point::invocations).sum());
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        public Instant instant() { return now; }
        public ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(ZoneId zone) { return this; }
    }

    @Test
    void podsOverTimeKeepTheMostPodsPerBucketAndColdStartsTheirStart() {
        MutableClock clock = new MutableClock(NOW);
        KnativeMetrics metrics = new KnativeMetrics(clock);
        TimeWindow window = TimeWindow.preset("15m", NOW.plusSeconds(60));
        metrics.podsNow("functions-echo", "functions-echo-00001", 1);
        clock.now = NOW.plusSeconds(2);
        metrics.podsNow("functions-echo", "functions-echo-00001", 3);
        metrics.podsNow("functions-echo", "functions-echo-00002", 1); // a second revision (a traffic split): both count
        clock.now = NOW.plusSeconds(40);
        metrics.podsNow("functions-echo", "functions-echo-00002", 0);
        metrics.coldStart("ns", "functions-echo", "functions-echo-00002", Duration.ofMillis(1500));
        clock.now = NOW.plusSeconds(60);
        List<Integer> pods = metrics.pods("functions-echo", window);
        int at = window.index(NOW);
        assertEquals(4, pods.get(at));
        assertEquals(0, pods.get(window.index(NOW.plusSeconds(40))), "the first revision stopped reporting: retired");
        assertEquals(null, pods.get(0), "nothing reported: unknown");
        assertEquals(List.of(new MetricsView.ColdStart(NOW.plusSeconds(40).minusMillis(1500), "functions-echo-00002", 1500)),
                metrics.coldStarts("functions-echo", NOW));
        assertEquals(List.of(), metrics.coldStarts("functions-echo", NOW.plusSeconds(50)));
        assertEquals(window.buckets(), metrics.pods("functions-other", window).size());
    }
}
