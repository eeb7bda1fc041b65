package dev.devserver.project;

import dev.devserver.DevserverException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What a fuzzed serverless.yml may end in: a Project, or a problem report whose every line names file:line:column. */
final class FuzzOutcome {
    private static final Pattern PROBLEM_LINE = Pattern.compile("serverless\\.yml:\\d+:\\d+: .+");

    /** The parser's own CPU time per case: waiting for a core on a busy machine does not count, real work does. */
    private static final Duration PER_CASE = Duration.ofSeconds(2);
    /** Wall time after which a case counts as hung (a loop that never ends). */
    private static final Duration HUNG = Duration.ofSeconds(60);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FuzzOutcome() {
    }

    /** {@link #countValid} in a fresh test project under {@code tmp}, expecting both outcomes among the cases. */
    static void assertMixed(String name, Path tmp, int cases, long seed, Function<Random, String> generator)
            throws IOException {
        int valid = countValid(name, TestProjects.create(tmp), cases, seed, generator);
        assertTrue(valid > 0 && valid < cases, "expected valid and invalid documents, got " + valid + " valid");
    }

    /**
     * Parses {@code cases} documents from {@code generator} (seeded: a failure repeats) in {@code dir}, each within 2 s
     * of CPU time and ending as {@link #of} allows; prints the tally under {@code name} and returns how many were valid.
     */
    static int countValid(String name, Path dir, int cases, long seed, Function<Random, String> generator) {
        Random random = new Random(seed);
        int valid = 0;
        long slowestNanos = 0;
        for (int i = 0; i < cases; i++) {
            String text = generator.apply(random);
            long start = System.nanoTime();
            boolean ok = assertTimeoutPreemptively(HUNG, () -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                boolean parsed = of(text, dir);
                long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                assertTrue(cpu <= PER_CASE.toNanos(), () -> "took " + cpu / 1_000_000 + " ms of CPU, over "
                        + PER_CASE.toSeconds() + " s, for:\n" + abbreviate(text));
                return parsed;
            }, () -> "did not end within " + HUNG.toSeconds() + " s for:\n" + abbreviate(text));
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            valid += ok ? 1 : 0;
        }
        System.out.printf("FUZZ %s: %d cases, %d valid, %d refused, slowest %d ms%n", name, cases, valid, cases - valid,
                slowestNanos / 1_000_000);
        return valid;
    }

    /** True for a Project, false for a proper problem report; anything else fails the test. */
    static boolean of(String text, Path dir) {
        try {
            ProjectLoader.parse(text, dir, Path.of("serverless.yml"), Settings.defaults());
            return true;
        } catch (DevserverException e) {
            assertEquals(2, e.exitCode(), () -> "for input:\n" + abbreviate(text) + "\nmessage: " + e.getMessage());
            for (String line : e.getMessage().split("\n")) {
                assertTrue(PROBLEM_LINE.matcher(line).matches(), () -> "bad problem line '" + abbreviate(line) + "' for:\n"
                        + abbreviate(text));
            }
            return false;
        } catch (Throwable t) {
            return fail("unexpected " + t + " for input:\n" + abbreviate(text), t);
        }
    }

    /** Failure messages stay readable for the huge documents the structured fuzzer makes. */
    static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "… (" + s.length() + " chars)";
    }
}
