package dev.devserver.observe.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A function's requests per time bucket, from its request-log lines: invocations, latency percentiles (p50, p95, in
 * milliseconds, nearest rank) and the error rate (5xx answers, as Knative's dashboards count errors). Other lines
 * (container output) are ignored.
 */
public final class RequestSeries implements Consumer<ObjectNode> {
    private final TimeWindow window;
    private final long[] invocations;
    private final long[] errors;
    private final List<List<Double>> latencies;

    public RequestSeries(TimeWindow window) {
        this.window = window;
        this.invocations = new long[window.buckets()];
        this.errors = new long[window.buckets()];
        this.latencies = new ArrayList<>(window.buckets());
        for (int i = 0; i < window.buckets(); i++) {
            latencies.add(new ArrayList<>());
        }
    }

    @Override
    public void accept(ObjectNode line) {
        if (!line.has("httpRequest")) {
            return;
        }
        int bucket = window.index(LineFields.timestamp(line));
        if (bucket < 0) {
            return;
        }
        invocations[bucket]++;
        if (line.path("httpRequest").path("status").asInt(0) >= 500) {
            errors[bucket]++;
        }
        Double ms = latencyMillis(LineFields.text(line, "httpRequest.latency"));
        if (ms != null) {
            latencies.get(bucket).add(ms);
        }
    }

    public TimeWindow window() {
        return window;
    }

    public long[] invocations() {
        return invocations.clone();
    }

    public long[] errors() {
        return errors.clone();
    }

    /** Errors per invocation in percent; null for a bucket without invocations (a gap, not a 0 % rate). */
    public Double[] errorRate() {
        Double[] rate = new Double[invocations.length];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = invocations[i] == 0 ? null : 100.0 * errors[i] / invocations[i];
        }
        return rate;
    }

    /** The {@code p}-th percentile (0–100) of each bucket's latencies; null for a bucket without requests. */
    public Double[] latencyPercentile(double p) {
        Double[] values = new Double[latencies.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = percentile(latencies.get(i), p);
        }
        return values;
    }

    /** Over the whole window, for the figures beside the charts. */
    public Double overallPercentile(double p) {
        return percentile(latencies.stream().flatMap(List::stream).toList(), p);
    }

    static Double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Knative's latency text, seconds with a trailing {@code s} ({@code 0.001234s}), in milliseconds. */
    static Double latencyMillis(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(text.endsWith("s") ? text.substring(0, text.length() - 1) : text) * 1000;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
