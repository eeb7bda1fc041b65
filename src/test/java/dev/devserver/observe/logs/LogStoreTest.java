package dev.devserver.observe.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.router.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.Comparator;

/** LogStore over real files written by the real writers: scoping, time, limit, rotation, follow. */
public class LogStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path logs;

    private LogStore store() {
        return new LogStore(logs, function -> "functions-" + function);
    }

    public static RequestRecord request(Instant at, String function, int status, String url) {
        return new RequestRecord(at, "ns", "functions-" + function, "functions-" + function + "-00001",
                "functions-" + function + ".ns.localhost", "GET", url, 0, status, 2, "curl/8", "127.0.0.1",
                "127.0.0.1:30001", "", Duration.ofMillis(3), "HTTP/1.1", "");
    }

    private void requests(RequestRecord... records) {
        try (RequestLogFile file = new RequestLogFile(logs.resolve(LogFolder.REQUESTS))) {
            for (RequestRecord r : records) {
                file.accept(r);
            }
        }
    }

    private void append(String file, String... lines) throws IOException {
        Files.writeString(logs.resolve(file), String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String container(Instant at, String function, String message) {
        return LogLines.line(LogLines.container(at, function, "r", false, message));
    }

    private static List<String> urlsOrMessages(List<ObjectNode> lines) {
        return lines.stream().map(l -> l.has("httpRequest") ? l.path("httpRequest").path("requestUrl").asText()
                : l.path("message").asText()).toList();
    }

    @Test
    void requestLinesCarryTheirFunctionSoOneQueryFindsRequestsAndOutputAndRangesEndBeforeUntil() throws IOException {
        requests(request(T0.plusSeconds(1), "echo", 200, "/a"), request(T0.plusSeconds(2), "hello", 500, "/b"),
                request(T0.plusSeconds(4), "echo", 404, "/c"));
        append("echo.log", container(T0.plusSeconds(3), "echo", "listening on 8080"));
        LogStore store = new LogStore(logs, function -> "functions-" + function,
                service -> service.startsWith("functions-") ? service.substring("functions-".length()) : null);
        assertEquals(List.of("/a", "listening on 8080", "/c"), urlsOrMessages(store.search(null, "function:echo", null, 100)));
        assertEquals("echo", store.search("echo", "httpRequest.status:404", null, 10).get(0).path("function").asText());
        assertEquals(List.of("/a", "/b"), urlsOrMessages(store.search(null, null, T0, T0.plusSeconds(3), 100)));
        List<ObjectNode> scanned = new ArrayList<>();
        store.scan(null, "httpRequest.status:*", T0.plusSeconds(2), null, scanned::add);
        assertEquals(List.of("/b", "/c"), urlsOrMessages(scanned.stream()
                .sorted(Comparator.comparing(l -> l.path("timestamp").asText())).toList()));
        assertEquals(List.of(), urlsOrMessages(store().search(null, "function:hello", null, 100)),
                "without the mapping request lines have no function");
    }

    @Test
    void scopesToAFunctionMergesByTimeAndSkipsBrokenLines() throws IOException {
        requests(request(T0.plusSeconds(1), "echo", 200, "/a"), request(T0.plusSeconds(2), "hello", 500, "/b"),
                request(T0.plusSeconds(4), "echo", 500, "/c"));
        append("requests.jsonl", "{\"truncated\":", "not json at all", "[1,2]");
        append("echo.log", container(T0.plusSeconds(3), "echo", "listening on 8080"), "garbage {");
        append("hello.log", container(T0, "hello", "hello started"));

        assertEquals(List.of("/a", "listening on 8080", "/c"), urlsOrMessages(store().search("echo", "", null, 100)));
        assertEquals(List.of("hello started", "/a", "/b", "listening on 8080", "/c"),
                urlsOrMessages(store().search(null, null, null, 100)));
        assertEquals(List.of("/b", "/c"), urlsOrMessages(store().search(null, "httpRequest.status:500", null, 100)));
        assertEquals(List.of("listening on 8080", "/c"),
                urlsOrMessages(store().search("echo", null, T0.plusSeconds(3), 100)));
        assertEquals(List.of("listening on 8080", "/c"), urlsOrMessages(store().search("echo", "", null, 2)),
                "the newest N, oldest first");
        assertEquals(List.of("/b", "listening on 8080", "/c"), urlsOrMessages(store().search(null, null, null, 3)),
                "the newest N over every file");
        assertEquals(List.of(), store().search("nosuch", "", null, 100));
    }

    @Test
    void missingFolderAndBadQuery() {
        LogStore empty = new LogStore(logs.resolve("none"), f -> f);
        assertEquals(List.of(), empty.search(null, "", null, 10));
        DevserverException e = assertThrows(DevserverException.class, () -> empty.search(null, "(a", null, 10));
        assertEquals("query: column 3: expected ')' to close '(' opened at column 1, found end of query", e.getMessage());
    }

    @Test
    void rotatesBySizeKeepsThreeAndSearchesAcrossGenerations() throws IOException {
        int lineBytes = LogLines.line(LogLines.request(request(T0, "echo", 200, "/0000"))).length() + 1;
        try (RequestLogFile file = new RequestLogFile(logs.resolve(LogFolder.REQUESTS), lineBytes * 2L)) {
            for (int i = 0; i < 10; i++) {
                file.accept(request(T0.plusSeconds(i), "echo", 200, String.format("/%04d", i)));
                waitForSize(logs.resolve(LogFolder.REQUESTS), i); // one record per batch, so each write is checked
            }
        }
        assertTrue(Files.exists(logs.resolve("requests.jsonl.3")));
        assertTrue(Files.notExists(logs.resolve("requests.jsonl.4")));
        for (int n = 0; n <= 3; n++) {
            assertTrue(Files.size(RotatingFile.generation(logs.resolve(LogFolder.REQUESTS), n)) <= lineBytes * 2L);
        }
        assertEquals(List.of("/0002", "/0003", "/0004", "/0005", "/0006", "/0007", "/0008", "/0009"),
                urlsOrMessages(store().search("echo", null, null, 100)), "the oldest generation was dropped");
    }

    private void waitForSize(Path file, int i) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String url = String.format("/%04d", i);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(file) && Files.readString(file).contains(url)) {
                    return;
                }
                Thread.sleep(5);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("request " + url + " was not written");
    }

    @Test
    void containerLogsRotateToo() throws IOException {
        ContainerLogFiles files = new ContainerLogFiles(logs, 300);
        for (int i = 0; i < 20; i++) {
            files.line("echo", "r1", false, "line " + i);
        }
        files.close();
        assertTrue(Files.exists(logs.resolve("echo.log.1")));
        List<ObjectNode> kept = store().search("echo", "", null, 1000);
        assertEquals("line 19", kept.get(kept.size() - 1).path("message").asText());
        for (ObjectNode line : kept) {
            assertEquals("echo", line.path("function").asText());
        }
    }

    @Test
    void followSeesNewMatchingLinesAcrossARotation() throws Exception {
        append("echo.log", container(T0, "echo", "old line"));
        BlockingQueue<ObjectNode> seen = new LinkedBlockingQueue<>();
        ContainerLogFiles files = new ContainerLogFiles(logs, 400);
        try (AutoCloseable follow = store().follow("echo", "message:wanted*", seen::add)) {
            Thread.sleep(LogTail.POLL_MILLIS + 100);
            for (int i = 0; i < 6; i++) {
                files.line("echo", "r1", false, (i % 2 == 0 ? "wanted " : "other ") + i);
                files.line("hello", "r1", false, "wanted but another function");
            }
            assertTrue(Files.exists(logs.resolve("echo.log.1")), "the test must cross a rotation");
            for (int i = 0; i < 6; i += 2) {
                ObjectNode line = seen.poll(5, TimeUnit.SECONDS);
                assertEquals("wanted " + i, line == null ? null : line.path("message").asText());
            }
            assertNull(seen.poll(LogTail.POLL_MILLIS * 3, TimeUnit.MILLISECONDS));
        } finally {
            files.close();
        }
    }
}
