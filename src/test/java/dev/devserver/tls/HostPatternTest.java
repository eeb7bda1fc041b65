package dev.devserver.tls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostPatternTest {
    @Test
    void exactNamesCompareCaseInsensitivelyAndIgnoreTheFinalDot() {
        assertTrue(HostPattern.covers("fn.ns.example.com", "FN.ns.example.com."));
        assertFalse(HostPattern.covers("fn.ns.example.com", "other.ns.example.com"));
    }

    @Test
    void aWildcardCoversExactlyOneLabel() {
        assertTrue(HostPattern.covers("*.ns.example.com", "functions-echo.ns.example.com"));
        assertFalse(HostPattern.covers("*.ns.example.com", "ns.example.com"), "zero labels");
        assertFalse(HostPattern.covers("*.ns.example.com", "a.b.ns.example.com"), "two labels");
        assertFalse(HostPattern.covers("*.example.com", "fn.ns.example.com"), "a wildcard one level up");
    }

    @Test
    void onlyAWholeLeftMostWildcardLabelCounts() {
        assertFalse(HostPattern.covers("fn.*.example.com", "fn.ns.example.com"));
        assertFalse(HostPattern.covers("f*.ns.example.com", "fn.ns.example.com"));
        assertFalse(HostPattern.covers("*.com", "example.com"), "a wildcard over a top-level domain");
        assertFalse(HostPattern.covers("*", "localhost"));
    }
}
