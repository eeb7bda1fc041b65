package dev.devserver.observe.metrics;

import dev.devserver.observe.stats.TimeWindow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Knative service's pods over the last 8 hours, for the function page's chart: the autoscaler reports each
 * revision's pods on every tick; a slot of {@link #SLOT} keeps the most pods the service had at once in it.
 * Revisions that stopped reporting (retired) no longer count after {@link #STALE}.
 */
final class PodHistory {
    static final Duration SLOT = Duration.ofSeconds(5);
    private static final Duration STALE = Duration.ofSeconds(10);
    private static final int SLOTS = (int) (Duration.ofHours(8).toSeconds() / SLOT.toSeconds()) + 1;

    private record Report(Instant at, int pods) {
    }

    private final Clock clock;
    private final Map<String, Report> latest = new ConcurrentHashMap<>();
    private final long[] slotOf = new long[SLOTS];
    private final int[] maxOf = new int[SLOTS];

    PodHistory(Clock clock) {
        this.clock = clock;
        Arrays.fill(slotOf, -1);
    }

    synchronized void report(String revision, int pods) {
        Instant now = clock.instant();
        latest.put(revision, new Report(now, pods));
        int total = latest.values().stream().filter(r -> r.at().isAfter(now.minus(STALE))).mapToInt(Report::pods).sum();
        long slot = now.getEpochSecond() / SLOT.toSeconds();
        int index = (int) Math.floorMod(slot, (long) SLOTS);
        if (slotOf[index] != slot) {
            slotOf[index] = slot;
            maxOf[index] = 0;
        }
        maxOf[index] = Math.max(maxOf[index], total);
    }

    /** Per bucket of the window the most pods at once; null where nothing was reported (devserver was not up). */
    synchronized List<Integer> max(TimeWindow window) {
        List<Integer> values = new ArrayList<>(window.buckets());
        long step = SLOT.toSeconds();
        long oldest = clock.instant().getEpochSecond() / step - SLOTS + 1;
        for (int i = 0; i < window.buckets(); i++) {
            long first = Math.max(oldest, Math.floorDiv(window.start(i).getEpochSecond(), step));
            long last = Math.floorDiv(window.start(i + 1).getEpochSecond() - 1, step);
            Integer max = null;
            for (long slot = first; slot <= last; slot++) {
                int index = (int) Math.floorMod(slot, (long) SLOTS);
                if (slotOf[index] == slot) {
                    max = Math.max(max == null ? 0 : max, maxOf[index]);
                }
            }
            values.add(max);
        }
        return values;
    }
}
