package dev.devserver.observe.metrics;

import dev.devserver.observe.stats.TimeWindow;
import dev.devserver.router.RequestMetrics;
import dev.devserver.router.RequestRecord;
import dev.devserver.serving.ServiceRoute;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Knative's metric names and labels, so PromQL written for a cluster works against devserver:
 * queue-proxy's {@code revision_request_count} / {@code revision_request_latencies} (ms), the autoscaler's
 * {@code autoscaler_actual_pods} / {@code autoscaler_desired_pods}, the activator's cold starts.
 * Fed by the router ({@link RequestMetrics}) and by serving ({@link #pods}, {@link #coldStart}).
 */
public final class KnativeMetrics implements MetricsView, RequestMetrics {
    /** queue-proxy's {@code defaultLatencyDistribution} (knative/serving pkg/queue/stats), milliseconds. */
    static final double[] LATENCY_BUCKETS_MS = {5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500,
            600, 700, 800, 900, 1000, 2000, 5000, 10000, 20000, 50000, 100000};

    /** Cold starts kept per service for the chart's markers (a busy day has far fewer). */
    static final int MAX_COLD_STARTS = 1000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final Map<String, MinuteCounts> invocations = new ConcurrentHashMap<>();
    private final Map<String, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<String, PodHistory> podHistory = new ConcurrentHashMap<>();
    private final Map<String, Deque<ColdStart>> coldStarts = new ConcurrentHashMap<>();

    public KnativeMetrics() {
        this(Clock.systemUTC());
    }

    KnativeMetrics(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts every request of a function for the chart, and, as queue-proxy does, the requests that reached a
     * revision (a failed activation reached none: Knative counts those in the activator, not per revision).
     */
    @Override
    public void ended(ServiceRoute route, RequestRecord record) {
        invocations.computeIfAbsent(route.function(), f -> new MinuteCounts(clock, MinuteCounts.DEFAULT_MINUTES))
                .increment();
        if (record.revision() == null || record.revision().isEmpty()) {
            return;
        }
        RequestMeters meters = requestMeters.computeIfAbsent(
                route.namespace() + '\0' + route.knativeService() + '\0' + record.revision() + '\0' + record.status(),
                key -> requestMeters(route, record));
        meters.count().increment();
        meters.latencies().record(record.latency().toNanos() / 1e6);
    }

    /** Looked up once per revision and status: registering meters on every request costs more than proxying it. */
    private record RequestMeters(Counter count, DistributionSummary latencies) {
    }

    private RequestMeters requestMeters(ServiceRoute route, RequestRecord record) {
        Tags tags = revisionTags(route.namespace(), route.knativeService(), record.revision())
                .and("response_code", Integer.toString(record.status()))
                .and("response_code_class", record.status() / 100 + "xx");
        return new RequestMeters(
                Counter.builder(PrometheusNames.REQUEST_COUNT).description("The number of requests that are routed to queue-proxy")
                        .tags(tags).register(registry),
                latencies(PrometheusNames.REQUEST_LATENCIES, "The response time in millisecond", tags));
    }

    /**
     * Registers the autoscaler gauges of one revision; serving calls it when a revision starts and closes the
     * handle when the revision is gone, so a removed revision stops being exported.
     */
    public AutoCloseable pods(String namespace, String knativeService, String revision, IntSupplier actual,
                              IntSupplier desired) {
        Tags tags = revisionTags(namespace, knativeService, revision);
        List<Meter> meters = List.of(
                Gauge.builder(PrometheusNames.ACTUAL_PODS, actual, IntSupplier::getAsInt)
                        .description("Number of pods that are allocated currently").tags(tags).strongReference(true)
                        .register(registry),
                Gauge.builder(PrometheusNames.DESIRED_PODS, desired, IntSupplier::getAsInt)
                        .description("Number of pods autoscaler wants to allocate").tags(tags).strongReference(true)
                        .register(registry));
        return () -> meters.forEach(registry::remove);
    }

    /** A revision's pods now (the autoscaler's tick), kept for the dev UI's pods-over-time chart. */
    public void podsNow(String knativeService, String revision, int actual) {
        podHistory.computeIfAbsent(knativeService, s -> new PodHistory(clock)).report(revision, actual);
    }

    @Override
    public List<Integer> pods(String knativeService, TimeWindow window) {
        PodHistory history = podHistory.get(knativeService);
        return history == null ? MetricsView.super.pods(knativeService, window) : history.max(window);
    }

    @Override
    public List<ColdStart> coldStarts(String knativeService, Instant since) {
        Deque<ColdStart> all = coldStarts.get(knativeService);
        if (all == null) {
            return List.of();
        }
        synchronized (all) {
            return all.stream().filter(c -> !c.at().isBefore(since)).toList();
        }
    }

    /** One cold start (scale from zero until the container was ready), as the activator would see it. */
    public void coldStart(String namespace, String knativeService, String revision, Duration took) {
        Deque<ColdStart> recent = coldStarts.computeIfAbsent(knativeService, s -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(new ColdStart(clock.instant().minus(took), revision, took.toMillis()));
            while (recent.size() > MAX_COLD_STARTS) {
                recent.removeFirst();
            }
        }
        Tags tags = revisionTags(namespace, knativeService, revision);
        Counter.builder(PrometheusNames.COLD_START_COUNT).description("Number of cold starts").tags(tags)
                .register(registry).increment();
        latencies(PrometheusNames.COLD_START_LATENCIES, "Time from request to a ready container in millisecond", tags)
                .record(took.toNanos() / 1e6);
    }

    @Override
    public String scrape() {
        return PrometheusNames.knativeCounters(registry.scrape());
    }

    @Override
    public List<Point> invocationsPerMinute(String function, int minutes) {
        MinuteCounts counts = invocations.get(function);
        return counts != null ? counts.last(minutes)
                : new MinuteCounts(clock, MinuteCounts.DEFAULT_MINUTES).last(minutes);
    }

    /** Knative's revision labels; the service is also the configuration (one configuration per Knative service). */
    private static Tags revisionTags(String namespace, String knativeService, String revision) {
        String service = knativeService == null || knativeService.isEmpty() ? "unknown" : knativeService;
        return Tags.of("namespace_name", namespace, "service_name", service,
                "configuration_name", service, "revision_name", revision);
    }

    /** A histogram in milliseconds with Knative's buckets (a summary without a base unit: no {@code _seconds} suffix). */
    private DistributionSummary latencies(String name, String description, Tags tags) {
        return DistributionSummary.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS_MS).register(registry);
    }
}
