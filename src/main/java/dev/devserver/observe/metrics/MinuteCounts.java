package dev.devserver.observe.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts per minute over a fixed window (a ring of minute slots), for the dev UI's invocations chart.
 * GitLab's Serverless page charts the last 8 hours, so that is the default window; older minutes are overwritten.
 * Thread-safe: the router's event loops record while the API reads.
 */
final class MinuteCounts {
    static final int DEFAULT_MINUTES = 8 * 60;

    private final Clock clock;
    private final long[] minuteOfSlot;
    private final long[] countOfSlot;

    MinuteCounts(Clock clock, int minutes) {
        this.clock = clock;
        this.minuteOfSlot = new long[minutes];
        this.countOfSlot = new long[minutes];
        Arrays.fill(minuteOfSlot, -1);
    }

    synchronized void increment() {
        long minute = currentMinute();
        int slot = slot(minute);
        if (minuteOfSlot[slot] != minute) { // the slot still holds a minute from a previous lap: reuse it
            minuteOfSlot[slot] = minute;
            countOfSlot[slot] = 0;
        }
        countOfSlot[slot]++;
    }

    /** The last {@code minutes} minutes (at most the window), oldest first, the current minute last; gaps are 0. */
    synchronized List<MetricsView.Point> last(int minutes) {
        int n = Math.max(0, Math.min(minutes, minuteOfSlot.length));
        long now = currentMinute();
        List<MetricsView.Point> points = new ArrayList<>(n);
        for (long minute = now - n + 1; minute <= now; minute++) {
            int slot = slot(minute);
            long count = minuteOfSlot[slot] == minute ? countOfSlot[slot] : 0;
            points.add(new MetricsView.Point(Instant.ofEpochSecond(minute * 60), count));
        }
        return points;
    }

    private long currentMinute() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
    }

    private int slot(long minute) {
        return (int) Math.floorMod(minute, (long) minuteOfSlot.length);
    }
}
