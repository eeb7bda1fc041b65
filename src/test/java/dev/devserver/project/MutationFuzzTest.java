package dev.devserver.project;


import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mangled copies of the GitLab example must end as a Project or a positioned DevserverException, quickly. */
class MutationFuzzTest {
    private static final long SEED = 20240611L;
    private static final int CASES = 3000;
    private static final List<String> TOKENS = List.of("&a ", "*a", "[", "{", ":", "- ", "\0", "\n", "  ", "\"", "\t",
            "<<: *a\n", "? ", "!!binary ", "%YAML 1.1\n", "---\n", "\uFFFF", "\uD800");

    @TempDir
    Path tmp;

    @Test
    void everyMutationEndsInAProjectOrAPositionedProblem() throws IOException {
        FuzzOutcome.assertMixed("mutation", tmp, CASES, SEED, random -> mutate(TestProjects.GITLAB_EXAMPLE, random));
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
