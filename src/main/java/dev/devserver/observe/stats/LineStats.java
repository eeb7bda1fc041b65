package dev.devserver.observe.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the logs page draws above and beside its results, after Kibana's Discover: matching lines per time bucket
 * and the most frequent values of a few fields. Fed one line at a time while the logs are scanned.
 */
public final class LineStats implements Consumer<ObjectNode> {
    /** The sidebar's fields: the ones a person filters by when looking for a failing request. */
    public static final List<String> FIELDS = List.of("httpRequest.status", "function", "httpRequest.requestMethod", "revision");

    private final TimeWindow window;
    private final long[] counts;
    private final Map<String, Map<String, Long>> values = new LinkedHashMap<>();
    private long total;

    public LineStats(TimeWindow window) {
        this.window = window;
        this.counts = new long[window.buckets()];
        FIELDS.forEach(f -> values.put(f, new HashMap<>()));
    }

    @Override
    public void accept(ObjectNode line) {
        int bucket = window.index(LineFields.timestamp(line));
        if (bucket < 0) {
            return;
        }
        counts[bucket]++;
        total++;
        values.forEach((field, seen) -> {
            String value = LineFields.text(line, field);
            if (!value.isEmpty()) {
                seen.merge(value, 1L, Long::sum);
            }
        });
    }

    public TimeWindow window() {
        return window;
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        return total;
    }

    /** Per field, its {@code n} most frequent values, most frequent first (ties by value, so the order is stable). */
    public Map<String, List<ValueCount>> top(int n) {
        Map<String, List<ValueCount>> top = new LinkedHashMap<>();
        values.forEach((field, seen) -> top.put(field, seen.entrySet().stream()
                .map(e -> new ValueCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value))
                .limit(n).toList()));
        return top;
    }

    public record ValueCount(String value, long count) {
    }
}
