package dev.devserver.observe.metrics;

import dev.devserver.observe.stats.TimeWindow;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Metrics as the API and the dev UI need them; Prometheus text for scrapers. Implemented by the observe stage. */
public interface MetricsView {
    /** The Prometheus text exposition of every metric (for GET /metrics). */
    String scrape();

    /** Invocations per minute of one function over the last {@code minutes} minutes, oldest first. */
    List<Point> invocationsPerMinute(String function, int minutes);

    /** The most pods a Knative service had at once in each bucket of the window; null where unknown. */
    default List<Integer> pods(String knativeService, TimeWindow window) {
        return Collections.nCopies(window.buckets(), null);
    }

    /** The service's cold starts since {@code since}, oldest first. */
    default List<ColdStart> coldStarts(String knativeService, Instant since) {
        return List.of();
    }

    record Point(Instant minute, long invocations) {
    }

    /** A request that had to wait for a container to start: when it started, for which revision, how long it took. */
    record ColdStart(Instant at, String revision, long tookMs) {
    }
}
