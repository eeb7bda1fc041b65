package dev.devserver.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;


/**
 * Structure-aware fuzzing of serverless.yml: documents that keep YAML's shape but put hostile values where the
 * model expects names, maps and lists: deep nesting, huge strings and keys, random Unicode (surrogates, controls,
 * bidi), anchor/alias bombs, merge keys, tags, many functions. Each case must end, within 2 s of CPU time, in a
 * Project or a DevserverException whose lines are {@code serverless.yml:LINE:COLUMN: message}; never another exception.
 */
class StructuredFuzzTest {
    private static final long SEED = 20250101L;
    static final int CASES = 4000;
    private static final List<String> KEYS = List.of("service", "description", "provider", "functions", "name", "envs",
            "secrets", "handler", "source", "runtime", "annotations", "concurrency", "min-scale", "max-scale", "environment",
            "namespace", "image", "<<", "", "~", "?", "functions.echo");

    @TempDir
    Path tmp;

    @Test
    void everyStructuredMutationEndsInAProjectOrAPositionedProblemQuickly() throws Exception {
        FuzzOutcome.assertMixed("structured", tmp, CASES, SEED, StructuredFuzzTest::document);
    }

    /** A GitLab-example-shaped document with one or more hostile parts. */
    private static String document(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> example(random, "echo-js", scalar(random)); // a hostile function name
            case 1 -> example(random, "echo-js", "echo-js").replace("value", scalar(random).replace("\n", " ")); // an env value
            case 2 -> "service: functions\nfunctions:\n  f:\n    handler: f\n    source: ./echo-js\n    runtime: gitlab/runtimes/nodejs\n"
                    + "    envs: " + nested(random, 1 + random.nextInt(random.nextBoolean() ? 40 : 4000)) + "\n";
            case 3 -> billionLaughs(random);
            case 4 -> manyFunctions(random);
            case 5 -> mergeAndTags(random);
            case 6 -> randomMapping(random, 0);
            case 7 -> example(random, "echo-js", "echo-js").replace("./echo-js", "./" + scalar(random).replace("\n", ""));
            default -> example(random, "echo-js", "echo-js").replace("functions\n", quoted(scalar(random)) + "\n");
        };
    }

    private static String example(Random random, String key, String handler) {
        return TestProjects.GITLAB_EXAMPLE.replace("  echo-js:", "  " + quoted(key) + ":").replace("handler: echo-js",
                "handler: " + quoted(handler)) + (random.nextInt(10) == 0 ? "extra: " + scalar(random).replace("\n", "") + "\n" : "");
    }

    /** Flow-style nesting (maps and lists mixed), {@code depth} levels deep. */
    private static String nested(Random random, int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            boolean map = random.nextBoolean();
            open.append(map ? "{k: " : "[");
            close.insert(0, map ? "}" : "]");
        }
        return open + "x" + close;
    }

    /** Anchors referring to anchors: naive expansion would be 9^levels strings. */
    private static String billionLaughs(Random random) {
        int levels = 3 + random.nextInt(8);
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("service: functions\nfunctions:\n  f:\n    handler: f\n    source: ./echo-js\n    runtime: gitlab/runtimes/nodejs\n")
                .append("    envs: *a").append(levels).append('\n');
        return yaml.toString();
    }

    private static String manyFunctions(Random random) {
        StringBuilder yaml = new StringBuilder("service: functions\nfunctions:\n");
        int n = 1 + random.nextInt(random.nextBoolean() ? 10 : 2000);
        for (int i = 0; i < n; i++) {
            yaml.append("  f").append(i).append(":\n    handler: f\n    source: ./echo-js\n    runtime: gitlab/runtimes/nodejs\n");
        }
        return yaml.toString();
    }

    private static String mergeAndTags(Random random) {
        List<String> tags = List.of("!!binary ", "!!set ", "!!omap ", "!!timestamp ", "!!float ", "!!int ", "!!str ",
                "!!python/object:os.system ", "!!java.net.URL ", "!<tag:yaml.org,2002:map> ", "!local ");
        String tag = tags.get(random.nextInt(tags.size()));
        return "base: &base\n  handler: f\n  source: ./echo-js\n  runtime: gitlab/runtimes/nodejs\n"
                + "service: functions\nfunctions:\n  f:\n    <<: *base\n    envs: " + tag + scalar(random).replace("\n", " ") + "\n"
                + (random.nextBoolean() ? "  g: " + tag + "{<<: [*base, *base], handler: " + quoted(scalar(random)) + "}\n" : "");
    }

    /** Any mapping of known and unknown keys, with scalars, lists and maps as values. */
    private static String randomMapping(Random random, int depth) {
        StringBuilder yaml = new StringBuilder();
        String indent = "  ".repeat(depth);
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            yaml.append(indent).append(KEYS.get(random.nextInt(KEYS.size()))).append(':');
            int kind = depth > 4 ? 0 : random.nextInt(4);
            switch (kind) {
                case 0 -> yaml.append(' ').append(quoted(scalar(random))).append('\n');
                case 1 -> {
                    yaml.append('\n');
                    for (int j = random.nextInt(4); j >= 0; j--) {
                        yaml.append(indent).append("  - ").append(quoted(scalar(random))).append('\n');
                    }
                }
                default -> yaml.append('\n').append(randomMapping(random, depth + 1));
            }
        }
        return yaml.toString();
    }

    /** A hostile scalar: long, empty, numeric, null-ish, or random code points (surrogates, controls, bidi, emoji). */
    private static String scalar(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "x".repeat(random.nextInt(200_000));
            case 1 -> "";
            case 2 -> List.of("~", "null", "true", "0x1F", "1e309", "-0", ".nan", "NaN", "0o17", "2001-12-14t21:59:43.10-05:00")
                    .get(random.nextInt(10));
            case 3 -> "functions-" + "a".repeat(random.nextInt(120));
            default -> unicode(random, random.nextInt(64));
        };
    }

    private static String unicode(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
                case 1 -> s.append((char) random.nextInt(0x20)); // control
                case 2 -> s.append("\u202E\u200B\uFEFF\u00A0\u2028".charAt(random.nextInt(5))); // bidi, zero-width, BOM, NBSP, LS
                case 3 -> s.appendCodePoint(0x1F600 + random.nextInt(80)); // emoji (astral)
                case 4 -> s.append(":-[]{}#&*!|>'\"%@`,?".charAt(random.nextInt(19)));
                default -> s.appendCodePoint(0x20 + random.nextInt(0x2FFF));
            }
        }
        return s.toString();
    }

    /** Double-quoted YAML with \\uXXXX escapes: valid YAML carrying any character, so the validator sees it. */
    private static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
