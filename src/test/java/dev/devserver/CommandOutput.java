package dev.devserver;

import io.quarkus.test.junit.main.LaunchResult;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** What a command run through Quarkus and picocli printed, for the command tests. */
public final class CommandOutput {
    private CommandOutput() {
    }

    /** Standard output, then standard error. */
    public static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    /** A user never sees a Java stack trace, whatever they got wrong. */
    public static void assertNoStackTrace(LaunchResult r) {
        String out = all(r);
        assertFalse(out.contains("Exception"), out);
        assertFalse(out.contains("at dev."), out);
        assertFalse(out.contains("\tat "), out);
    }
}
