package dev.devserver.cli;

import dev.devserver.observe.logs.LogFolder;
import dev.devserver.observe.logs.LogStoreTest;
import dev.devserver.observe.logs.RequestLogFile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.devserver.CommandOutput.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver logs` end to end through Quarkus and picocli, over files as `up` leaves them (no `up` running). */
@QuarkusMainTest
class LogsCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    private String yml;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("echo-js")).resolve("handler.js"), "module.exports = x => x;");
        Files.writeString(Files.createDirectories(dir.resolve("hello")).resolve("handler.js"), "module.exports = x => x;");
        Files.writeString(dir.resolve("serverless.yml"), """
                service: functions
                functions:
                  echo-js:
                    handler: echo-js
                    source: ./echo-js
                    runtime: gitlab/runtimes/nodejs
                  hello:
                    handler: hello
                    source: ./hello
                    runtime: gitlab/runtimes/nodejs
                """);
        yml = dir.resolve("serverless.yml").toString();
        Path logs = Files.createDirectories(dir.resolve(".devserver/logs"));
        try (RequestLogFile file = new RequestLogFile(logs.resolve(LogFolder.REQUESTS))) {
            file.accept(LogStoreTest.request(T0.plusSeconds(1), "echo-js", 200, "/"));
            file.accept(LogStoreTest.request(T0.plusSeconds(2), "hello", 500, "/boom"));
            file.accept(LogStoreTest.request(T0.plusSeconds(4), "echo-js", 404, "/missing"));
        }
        Files.writeString(logs.resolve("echo-js.log"), "{\"timestamp\":\"" + T0.plusSeconds(3) + "\",\"function\":\"echo-js\","
                + "\"revision\":\"r\",\"stream\":\"stdout\",\"message\":\"listening on 8080\"}\nnot json\n");
    }

    @Test
    void printsOneReadableLinePerRequestAndContainerLine(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("logs", "echo-js", "--file", yml);
        assertEquals(0, r.exitCode(), all(r));
        List<String> lines = r.getOutput().lines().map(l -> l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d ", "")).toList();
        assertEquals(List.of("echo-js GET / 200 3.0ms", "echo-js │ listening on 8080", "echo-js GET /missing 404 3.0ms"),
                lines, all(r));
    }

    @Test
    void queryLimitAndJson(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("logs", "--file", yml, "--query", "httpRequest.status>=400", "--json",
                "--limit", "1");
        assertEquals(0, r.exitCode(), all(r));
        List<String> lines = r.getOutput().lines().toList();
        assertEquals(1, lines.size(), all(r));
        assertTrue(lines.get(0).startsWith("{\"httpRequest\":{\"requestMethod\":\"GET\",\"requestUrl\":\"/missing\""), all(r));

        LaunchResult since = launcher.launch("logs", "--file", yml, "--since", T0.plusSeconds(2).toString(), "--json");
        assertEquals(3, since.getOutput().lines().count(), all(since));
    }

    @Test
    void mistakesAreOneLineMessages(QuarkusMainLauncher launcher) {
        LaunchResult bad = launcher.launch("logs", "--file", yml, "--query", "status:500 or status:404");
        assertEquals(1, bad.exitCode(), all(bad));
        assertEquals("query: column 12: operators are uppercase: write OR (or \"or\" to search for the word)",
                bad.getErrorOutput().strip(), all(bad));

        LaunchResult unknown = launcher.launch("logs", "nosuch", "--file", yml);
        assertEquals(1, unknown.exitCode(), all(unknown));
        assertTrue(unknown.getErrorOutput().contains("No function `nosuch` in ") 
                && unknown.getErrorOutput().contains("; its functions: echo-js, hello"), all(unknown));

        LaunchResult since = launcher.launch("logs", "--file", yml, "--since", "yesterday");
        assertEquals(1, since.exitCode(), all(since));
        assertTrue(since.getErrorOutput().contains("--since: expected an age like 10m, 1h, 2d"), all(since));
        for (LaunchResult r : List.of(bad, unknown, since)) {
            assertFalse(all(r).contains("Exception") || all(r).contains("\tat "), all(r));
        }
    }
}
