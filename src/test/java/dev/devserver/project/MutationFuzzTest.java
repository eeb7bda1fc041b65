package dev.devserver.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.devserver.DevserverException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mangled copies of the GitLab example must end as a Project or a positioned DevserverException, quickly. */
class MutationFuzzTest {
    private static final long SEED = 20240611L;
    private static final int CASES = 3000;
    private static final List<String> TOKENS = List.of("&a ", "*a", "[", "{", ":", "- ", "\0", "\n", "  ", "\"", "\t",
            "<<: *a\n", "? ", "!!binary ", "%YAML 1.1\n", "---\n", "\uFFFF", "\uD800");
    private static final Pattern PROBLEM_LINE = Pattern.compile("serverless\\.yml:\\d+:\\d+: .+");

    @TempDir
    Path tmp;

    @Test
    void everyMutationEndsInAProjectOrAPositionedProblem() throws IOException {
        Path dir = TestProjects.create(tmp);
        Random random = new Random(SEED);
        int valid = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(TestProjects.GITLAB_EXAMPLE, random);
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> outcome(text, dir),
                    () -> "parse took over 2 s for: " + text);
            valid += ok ? 1 : 0;
        }
        assertTrue(valid > 0 && valid < CASES, "expected a mix of valid and invalid mutations, got " + valid + " valid");
    }

    /** True for a Project, false for a proper problem report; anything else fails the test. */
    private static boolean outcome(String text, Path dir) {
        try {
            ProjectLoader.parse(text, dir, Path.of("serverless.yml"), Settings.defaults());
            return true;
        } catch (DevserverException e) {
            assertEquals(2, e.exitCode(), () -> "for input:\n" + text + "\nmessage: " + e.getMessage());
            for (String line : e.getMessage().split("\n")) {
                assertTrue(PROBLEM_LINE.matcher(line).matches(), () -> "bad problem line '" + line + "' for:\n" + text);
            }
            return false;
        } catch (Throwable t) {
            return fail("unexpected " + t + " for input:\n" + text, t);
        }
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        for (int n = 1 + random.nextInt(3); n > 0 && !b.isEmpty(); n--) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, b.charAt(at));
                case 2 -> {
                    if (at + 1 < b.length()) {
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(at + 1));
                        b.setCharAt(at + 1, c);
                    }
                }
                default -> b.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
            }
        }
        return b.toString();
    }
}
