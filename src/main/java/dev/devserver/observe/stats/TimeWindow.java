package dev.devserver.observe.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A chart's time axis: {@code buckets} equal buckets from {@code from}, each starting on a multiple of its length
 * (so the same minute is the same bucket on every refresh and in every test that counts lines itself).
 *
 * @param name the preset's name ({@code 15m}, {@code 1h}, {@code 8h}) or {@code range} for an explicit range
 */
public record TimeWindow(String name, Instant from, Duration bucket, int buckets) {
    /** The function page's windows: a short burst of work fills 15 minutes, a morning fills 8 hours. */
    public static final List<String> PRESETS = List.of("15m", "1h", "8h");
    /** Bucket sizes a person reads at a glance, for ranges the user picks on the logs page. */
    private static final long[] NICE_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400, 7 * 86400};

    public TimeWindow {
        if (buckets < 1 || bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("a time window needs at least one bucket of positive length");
        }
    }

    /** One of {@link #PRESETS}, ending with the bucket that holds {@code now}. */
    public static TimeWindow preset(String name, Instant now) {
        return switch (name) {
            case "15m" -> ending(name, now, Duration.ofSeconds(30), 30);
            case "1h" -> ending(name, now, Duration.ofMinutes(1), 60);
            case "8h" -> ending(name, now, Duration.ofMinutes(10), 48);
            default -> throw new IllegalArgumentException("window must be one of " + String.join(", ", PRESETS));
        };
    }

    /** The shortest preset that still shows the oldest activity (none: the shortest). */
    public static String fitting(Instant now, Instant oldest) {
        if (oldest == null) {
            return PRESETS.get(0);
        }
        for (String name : PRESETS) {
            if (!oldest.isBefore(preset(name, now).from())) {
                return name;
            }
        }
        return PRESETS.get(PRESETS.size() - 1);
    }

    /**
     * Buckets of a nice length covering {@code [from, to)}: {@code maxBuckets} of them at most, one more when aligning
     * to whole buckets adds a partial one at either end.
     */
    public static TimeWindow spanning(Instant from, Instant to, int maxBuckets) {
        long span = Math.max(1, Duration.between(from, to).toSeconds());
        long step = Math.floorDiv(span + maxBuckets - 1, maxBuckets); // longer than the nicest: whole seconds
        for (long nice : NICE_SECONDS) {
            if (nice * maxBuckets >= span) {
                step = nice;
                break;
            }
        }
        long start = Math.floorDiv(from.getEpochSecond(), step) * step;
        long end = Math.max(start + step, ceil(to, step));
        return new TimeWindow("range", Instant.ofEpochSecond(start), Duration.ofSeconds(step), (int) ((end - start) / step));
    }

    private static TimeWindow ending(String name, Instant now, Duration bucket, int buckets) {
        long end = ceil(now.plusNanos(1), bucket.toSeconds());
        return new TimeWindow(name, Instant.ofEpochSecond(end - bucket.toSeconds() * buckets), bucket, buckets);
    }

    private static long ceil(Instant at, long step) {
        long seconds = at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0);
        return Math.floorDiv(seconds + step - 1, step) * step;
    }

    public Instant to() {
        return from.plus(bucket.multipliedBy(buckets));
    }

    public Instant start(int index) {
        return from.plus(bucket.multipliedBy(index));
    }

    /** The bucket holding {@code at}, or -1 outside the window. */
    public int index(Instant at) {
        if (at == null || at.isBefore(from) || !at.isBefore(to())) {
            return -1;
        }
        return (int) (Duration.between(from, at).toNanos() / bucket.toNanos());
    }

    /** Each bucket's start in epoch seconds: a chart's x values. */
    public long[] starts() {
        long[] starts = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            starts[i] = start(i).getEpochSecond();
        }
        return starts;
    }
}
