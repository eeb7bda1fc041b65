package dev.devserver.observe.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the logs page draws above and beside its results, after Kibana's Discover: matching lines per time bucket
 * and the most frequent values of a few fields. Fed one line at a time while the logs are scanned (lines without a
 * timestamp are left out); the time axis may be chosen afterwards, from the oldest line seen, so one scan is enough.
 */
public final class LineStats implements Consumer<ObjectNode> {
    /** The sidebar's fields: the ones a person filters by when looking for a failing request. */
    public static final List<String> FIELDS = List.of("httpRequest.status", "function", "httpRequest.requestMethod", "revision");
    private static final List<String[]> PATHS = FIELDS.stream().map(f -> f.split("\\.")).toList();

    private final List<Map<String, Long>> values = FIELDS.stream().<Map<String, Long>>map(f -> new HashMap<>()).toList();
    private long[] times = new long[256];
    private int total;

    @Override
    public void accept(ObjectNode line) {
        long at = LineFields.epochMillis(line);
        if (at == LineFields.NO_TIME) {
            return;
        }
        if (total == times.length) {
            times = Arrays.copyOf(times, total * 2);
        }
        times[total++] = at;
        for (int i = 0; i < PATHS.size(); i++) {
            String value = LineFields.text(line, PATHS.get(i));
            if (!value.isEmpty()) {
                values.get(i).merge(value, 1L, Long::sum);
            }
        }
    }

    /** The oldest line's time; empty when none was counted. */
    public Optional<Instant> oldest() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < total; i++) {
            oldest = Math.min(oldest, times[i]);
        }
        return total == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
    }

    /** Lines per bucket of {@code window} (lines outside it are not counted). */
    public long[] counts(TimeWindow window) {
        long[] counts = new long[window.buckets()];
        for (int i = 0; i < total; i++) {
            int bucket = window.index(Instant.ofEpochMilli(times[i]));
            if (bucket >= 0) {
                counts[bucket]++;
            }
        }
        return counts;
    }

    /** Lines counted (every line fed that has a timestamp). */
    public long total() {
        return total;
    }

    /** Per field, its {@code n} most frequent values, most frequent first (ties by value, so the order is stable). */
    public Map<String, List<ValueCount>> top(int n) {
        Map<String, List<ValueCount>> top = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            top.put(FIELDS.get(i), values.get(i).entrySet().stream()
                    .map(e -> new ValueCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value))
                    .limit(n).toList());
        }
        return top;
    }

    public record ValueCount(String value, long count) {
    }
}
