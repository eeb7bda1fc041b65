package dev.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A message that reports one problem per line: exactly these lines, in this order, each containing its part. */
public final class ProblemLines {
    private ProblemLines() {
    }

    public static void assertLines(String message, String... parts) {
        String[] lines = message.split("\n");
        assertEquals(parts.length, lines.length, message);
        for (int i = 0; i < parts.length; i++) {
            assertTrue(lines[i].contains(parts[i]), "line " + (i + 1) + " should contain \"" + parts[i] + "\": " + lines[i]);
        }
    }
}
