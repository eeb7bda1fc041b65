package dev.devserver.observe.stats;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast timestamp path agrees with Instant.parse wherever that one reads a value, and refuses what it refuses. */
class LineFieldsTest {
    @Test
    void timestampsAsTheWritersWriteThemAndAnyOtherIsoInstant() {
        for (String text : List.of("2026-12-01T13:25:10Z", "2026-12-01T13:25:10.5Z", "2026-12-01T13:25:10.123Z",
                "2026-12-01T13:25:10.123456Z", "2026-12-01T13:25:10.123456789Z", "1969-12-31T23:59:59.999Z",
                "2024-02-29T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T13:25:10.Z", "2026-12-01T13:25:10+01:00", "+12026-12-01T13:25:10Z")) {
            assertEquals(Instant.parse(text).toEpochMilli(), LineFields.epochMillis(text), text);
        }
        for (String text : List.of("", "yesterday", "2026-02-30T00:00:00Z", "2026-12-01T13:60:10Z",
                "2026-12-01T13:25:1xZ", "2026-12-01T13:25:10.12a4Z", "2026-13-01T13:25:10Z")) {
            assertEquals(LineFields.NO_TIME, LineFields.epochMillis(text), text);
        }
    }
}
