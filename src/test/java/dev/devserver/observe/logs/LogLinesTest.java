package dev.devserver.observe.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogLinesTest {
    @Test
    void fixedPointDecimalsMatchWhatStringFormatPrinted() {
        assertEquals("0.001234", LogLines.fixed(1234, 6));
        assertEquals("0.000000", LogLines.fixed(0, 6));
        assertEquals("123.456789", LogLines.fixed(123_456_789, 6));
        assertEquals("3.1", LogLines.fixed(31, 1));
        assertEquals("0.5", LogLines.fixed(5, 1));
        assertEquals("12.00", LogLines.fixed(1200, 2));
        for (long micros : new long[]{0, 7, 999_999, 1_000_000, 42_424_242}) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.6f", micros / 1e6), LogLines.fixed(micros, 6));
        }
    }
}
