package dev.devserver.observe.stats;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeWindowTest {
    private static final Instant NOW = Instant.parse("2026-12-01T13:25:10.500Z");

    @Test
    void presetsEndWithTheBucketHoldingNowAndStartOnBucketBoundaries() {
        TimeWindow quarter = TimeWindow.preset("15m", NOW);
        assertEquals(Instant.parse("2026-12-01T13:25:30Z"), quarter.to());
        assertEquals(Instant.parse("2026-12-01T13:10:30Z"), quarter.from());
        assertEquals(29, quarter.index(NOW));
        assertEquals(Duration.ofSeconds(30), quarter.bucket());
        TimeWindow hour = TimeWindow.preset("1h", NOW);
        assertEquals(60, hour.buckets());
        assertEquals(Instant.parse("2026-12-01T12:26:00Z"), hour.from());
        TimeWindow day = TimeWindow.preset("8h", NOW);
        assertEquals(48, day.buckets());
        assertEquals(Instant.parse("2026-12-01T13:30:00Z"), day.to());
        assertEquals(Instant.parse("2026-12-01T13:10:30Z").getEpochSecond(), quarter.starts()[0]);
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.preset("2d", NOW));
    }

    @Test
    void aBoundaryInstantStartsItsOwnBucket() {
        Instant boundary = Instant.parse("2026-12-01T13:25:30Z");
        TimeWindow quarter = TimeWindow.preset("15m", boundary);
        assertEquals(29, quarter.index(boundary));
        assertEquals(-1, quarter.index(quarter.to()));
        assertEquals(0, quarter.index(quarter.from()));
        assertEquals(-1, quarter.index(quarter.from().minusNanos(1)));
    }

    @Test
    void theFittingWindowIsTheShortestThatShowsTheOldestActivity() {
        assertEquals("15m", TimeWindow.fitting(NOW, null));
        assertEquals("15m", TimeWindow.fitting(NOW, NOW.minus(Duration.ofMinutes(10))));
        assertEquals("1h", TimeWindow.fitting(NOW, NOW.minus(Duration.ofMinutes(40))));
        assertEquals("8h", TimeWindow.fitting(NOW, NOW.minus(Duration.ofHours(4))));
        assertEquals("8h", TimeWindow.fitting(NOW, NOW.minus(Duration.ofDays(3))));
    }

    @Test
    void aRangeGetsAtMostTheBucketsAskedOfANiceLength() {
        TimeWindow range = TimeWindow.spanning(Instant.parse("2026-12-01T13:00:07Z"), Instant.parse("2026-12-01T13:14:50Z"), 60);
        assertEquals(Duration.ofSeconds(15), range.bucket());
        assertEquals(Instant.parse("2026-12-01T13:00:00Z"), range.from());
        assertEquals(Instant.parse("2026-12-01T13:15:00Z"), range.to());
        assertEquals(60, range.buckets());
        TimeWindow years = TimeWindow.spanning(NOW.minus(Duration.ofDays(800)), NOW, 60);
        assertTrue(years.buckets() <= 61, "beyond the nice lengths still about the buckets asked: " + years);
        TimeWindow tiny = TimeWindow.spanning(NOW, NOW, 60);
        assertEquals(1, tiny.buckets());
        assertEquals(0, tiny.index(NOW));
    }
}
