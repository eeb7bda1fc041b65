package dev.devserver.observe.metrics;

import java.time.Instant;
import java.util.List;

/** Metrics as the API and the dev UI need them; Prometheus text for scrapers. Implemented by the observe stage. */
public interface MetricsView {
    /** The Prometheus text exposition of every metric (for GET /metrics). */
    String scrape();

    /** Invocations per minute of one function over the last {@code minutes} minutes, oldest first. */
    List<Point> invocationsPerMinute(String function, int minutes);

    record Point(Instant minute, long invocations) {
    }
}
