package dev.devserver.observe.metrics;

import java.util.List;

/**
 * The exposed names. Prometheus' Java client (under Micrometer) always writes a counter {@code x} as
 * {@code x_total}; Knative's OpenCensus exporter writes {@code revision_request_count} with no suffix, and that is the
 * name dashboards and GitLab-era PromQL use. We choose Knative's exposition: {@link #knativeCounters} renames our own
 * counters back (still {@code # TYPE ... counter}, which the 0.0.4 text format allows without {@code _total}).
 * Histograms are distribution summaries without a base unit, so no {@code _milliseconds} is appended.
 */
final class PrometheusNames {
    static final String REQUEST_COUNT = "revision_request_count";
    static final String REQUEST_LATENCIES = "revision_request_latencies";
    static final String COLD_START_COUNT = "activator_cold_start_count";
    static final String COLD_START_LATENCIES = "activator_cold_start_latencies";
    static final String ACTUAL_PODS = "autoscaler_actual_pods";
    static final String DESIRED_PODS = "autoscaler_desired_pods";

    private static final List<String> COUNTERS = List.of(REQUEST_COUNT, COLD_START_COUNT);

    private PrometheusNames() {
    }

    /** Drops the {@code _total} the client added to our counters (and only to ours). */
    static String knativeCounters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            out.append(renamed(line)).append('\n');
        }
        out.setLength(out.length() - 1); // split(-1) kept the text's own final empty piece
        return out.toString();
    }

    private static String renamed(String line) {
        for (String counter : COUNTERS) {
            String exposed = counter + "_total";
            for (String prefix : new String[] {"", "# HELP ", "# TYPE "}) {
                String start = prefix + exposed;
                if (line.startsWith(start) && line.length() > start.length()
                        && (line.charAt(start.length()) == '{' || line.charAt(start.length()) == ' ')) {
                    return prefix + counter + line.substring(start.length());
                }
            }
        }
        return line;
    }
}
