package dev.devserver.project;

import dev.devserver.DevserverException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One broken serverless.yml per rule: exit code 2, the exact line:column, and the gist of the message. */
class BrokenFilesTest {
    private static final String FN = """
            functions:
              echo-js:
                handler: echo-js
                source: ./echo-js
                runtime: gitlab/runtimes/nodejs
            """;
    private static final String OK = "service: functions\n" + FN;
    /** Lines 1-2 of a function header, for cases that vary the function's own keys from line 4 on. */
    private static final String HEAD = "service: functions\nfunctions:\n  echo-js:\n";

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                c("empty file", "", 1, 1, "file is empty"),
                c("comments only", "# nothing yet\n", 1, 1, "file is empty"),
                c("top level list", "- service\n- functions\n", 1, 1, "top level must be a mapping"),
                c("top level text", "hello\n", 1, 1, "top level must be a mapping"),
                c("unclosed flow", "service: functions\nfunctions: [\n", 3, 1, "YAML syntax error"),
                c("tab indentation", "service: functions\nfunctions:\n\techo-js: {}\n", 3, 1, "not tabs"),
                c("bad indentation", "service: functions\nfunctions:\n  echo-js:\n    source: ./echo-js\n   runtime: x\n",
                        5, 4, "YAML syntax error"),
                c("two documents", OK + "---\n" + OK, 7, 1, "expected a single document"),
                c("undefined alias", "service: *nope\n" + FN, 1, 10, "undefined alias"),
                c("NUL byte", "service: fun\0ctions\n" + FN, 1, 13, "NUL byte"),
                c("latin-1 bytes", "LATIN1:service: caf\u00e9\n" + FN, 1, 13, "not UTF-8"),
                c("alias bomb", bomb(), 1, 1, "aliases"),
                c("deep nesting", "service: " + "[".repeat(60) + "]".repeat(60) + "\n", 1, 1, "Nesting Depth"),
                c("huge file", "# " + "x".repeat(3_200_000) + "\n" + OK, 1, 1, "larger than 3 MB"),
                c("missing service", FN, 1, 1, "`service` is missing"),
                c("service with capitals", "service: My_Functions\n" + FN, 1, 1, "try `my-functions`"),
                c("service is a list", "service: [a]\n" + FN, 1, 1, "must be a text value, not a list"),
                c("no functions", "service: functions\n", 1, 1, "at least one function"),
                c("empty functions", "service: functions\nfunctions: {}\n", 2, 1, "at least one function"),
                c("functions is a list", "service: functions\nfunctions:\n  - echo-js\n", 2, 1, "must be a mapping"),
                c("function is text", "service: functions\nfunctions:\n  echo-js: hi\n", 3, 3, "must be a mapping"),
                c("unknown top key", "service: functions\nprovder:\n  name: triggermesh\n" + FN, 2, 1,
                        "did you mean `provider`?"),
                c("unknown function key", OK + "    secrts: [a]\n", 7, 5, "did you mean `secrets`?"),
                c("tm-only key", OK + "    buildargs: [A=1]\n", 7, 5, "TriggerMesh tm field"),
                c("duplicate function key", OK + "    source: ./echo-js\n", 7, 5, "duplicate key `source`"),
                c("duplicate top key", "service: a\n" + OK, 2, 1, "duplicate key `service`"),
                c("merge key", OK + "    <<: {a: b}\n", 7, 5, "merge keys"),
                c("unsupported provider", "service: functions\nprovider:\n  name: aws\n" + FN, 3, 3,
                        "provider `aws` is not supported"),
                c("provider is text", "service: functions\nprovider: triggermesh\n" + FN, 2, 1, "must be a mapping"),
                c("envs is a list", "service: functions\nprovider:\n  envs:\n    - FOO=1\n" + FN, 3, 3,
                        "`envs` must be a mapping"),
                c("secrets is text", "service: functions\nprovider:\n  secrets: my-secrets\n" + FN, 3, 3,
                        "`secrets` must be a list"),
                c("bad secret name", "service: functions\nprovider:\n  secrets:\n    - My_Secret\n" + FN, 4, 7,
                        "secret name `My_Secret`"),
                c("bad env name", OK + "    envs:\n      1FOO: x\n", 8, 7, "not a valid environment variable name"),
                c("env value is a list", OK + "    environment:\n      FOO: [1, 2]\n", 8, 7, "must be a single value"),
                c("missing source", HEAD + "    handler: echo-js\n    runtime: gitlab/runtimes/nodejs\n", 3, 3,
                        "needs `source:`"),
                c("source missing on disk", HEAD + "    handler: x\n    source: ./echo-jss\n    runtime: gitlab/runtimes/go\n",
                        5, 5, "did you mean `./echo-js`?"),
                c("source escapes", HEAD + "    handler: x\n    source: ../outside\n    runtime: gitlab/runtimes/go\n",
                        5, 5, "points outside the project"),
                c("source symlink escapes", HEAD + "    handler: x\n    source: ./escape\n    runtime: gitlab/runtimes/go\n",
                        5, 5, "symlink that leads outside"),
                c("source is a file", HEAD + "    handler: x\n    source: ./a-file\n    runtime: gitlab/runtimes/go\n",
                        5, 5, "is a file"),
                c("source is a map", HEAD + "    handler: x\n    source: {dir: x}\n    runtime: gitlab/runtimes/go\n",
                        5, 5, "must be a text value, not a mapping"),
                c("gitlab runtime without handler", HEAD + "    source: ./echo-js\n    runtime: gitlab/runtimes/ruby\n",
                        3, 3, "needs `handler:`"),
                c("unknown alias", HEAD + "    handler: x\n    source: ./echo-js\n    runtime: gitlab/runtimes/node\n",
                        6, 5, "did you mean `gitlab/runtimes/nodejs`?"),
                c("short alias", HEAD + "    source: ./echo-js\n    runtime: python3\n",
                        5, 5, "did you mean `openfaas/classic/python3`?"),
                c("no runtime, no Dockerfile", HEAD + "    source: ./echo-js\n", 3, 3, "must hold a Dockerfile"),
                c("runtime dir without template", HEAD + "    source: ./echo-js\n    runtime: ./no-template\n", 5, 5,
                        "Dockerfile.template"),
                c("function name with capitals", "service: functions\nfunctions:\n  Echo_JS:\n    source: with-docker\n",
                        3, 3, "rename it to `echo-js`"),
                c("knative name too long", "service: " + "s".repeat(40) + "\nfunctions:\n  " + "f".repeat(30)
                        + ":\n    source: with-docker\n", 3, 3, "by 8 characters"),
                c("negative concurrency", OK + "    concurrency: -1\n", 7, 5, "whole number from 0"),
                c("concurrency too high", OK + "    concurrency: 1001\n", 7, 5, "not 1001"),
                c("concurrency as text", OK + "    concurrency: ten\n", 7, 5, "not `ten`"),
                c("label without colon", OK + "    labels:\n      - nocolon\n", 8, 9, "`key:value`"),
                c("annotations is a list", OK + "    annotations: [a]\n", 7, 5, "`annotations` must be a mapping"));
    }

    private static Arguments c(String name, String yaml, int line, int column, String phrase) {
        return Arguments.of(name, yaml, line, column, phrase);
    }

    /** The "billion laughs" shape: each level refers to the previous one ten times. */
    private static String bomb() {
        StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejects(String name, String yaml, int line, int column, String phrase) throws IOException {
        Path dir = TestProjects.create(tmp);
        Path file = dir.resolve("serverless.yml");
        byte[] bytes = yaml.startsWith("LATIN1:") ? yaml.substring(7).getBytes(StandardCharsets.ISO_8859_1)
                : yaml.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        DevserverException e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DevserverException.class, () -> ProjectLoader.load(file, Settings.defaults())));
        assertEquals(2, e.exitCode(), e.getMessage());
        String expected = file + ":" + line + ":" + column + ": ";
        assertTrue(Arrays.stream(e.getMessage().split("\n")).anyMatch(l -> l.startsWith(expected) && l.contains(phrase)),
                "expected a line starting with " + expected + " containing '" + phrase + "' in:\n" + e.getMessage());
    }
}
