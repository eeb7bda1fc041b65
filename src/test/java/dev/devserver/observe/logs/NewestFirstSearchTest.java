package dev.devserver.observe.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search reads files backwards and skips lines older than what it keeps; it must give exactly what a scan of every
 * line gives. Logs as a load test leaves them: rotated request logs, many lines in the same millisecond, requests
 * logged out of time order (a slow one ends after quicker ones that began later), container output beside them.
 */
class NewestFirstSearchTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path logs;

    private LogStore store() {
        return new LogStore(logs, function -> "functions-" + function);
    }

    /** The reference: every matching line, in scan order, into the same newest-lines keeper. */
    private List<ObjectNode> scanned(String function, String query, Instant since, int limit) {
        NewestLines newest = new NewestLines(limit);
        store().scan(function, query, since, null, newest);
        return newest.lines();
    }

    @Test
    void findsWhatAFullScanFinds() throws IOException {
        Random random = new Random(7);
        try (RequestLogFile requests = new RequestLogFile(logs.resolve(LogFolder.REQUESTS), 256 * 1024)) {
            for (int i = 0; i < 6_000; i++) {
                Instant at = T0.plusMillis(i / 4 - (i % 50 == 0 ? random.nextInt(400) : 0)); // ties, and late slow ones
                requests.accept(LogStoreTest.request(at, i % 3 == 0 ? "hello" : "echo", i % 7 == 0 ? 500 : 200, "/" + i));
            }
        }
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            output.append(LogLines.line(LogLines.container(T0.plusMillis(i * 2L), "echo", "r", i % 2 == 0, "line " + i)))
                    .append('\n');
        }
        Files.writeString(LogFolder.container(logs, "echo"), output);
        assertTrue(Files.exists(RotatingFile.generation(logs.resolve(LogFolder.REQUESTS), 2)), "the request log rotated");
        for (int n = 0; n <= RotatingFile.DEFAULT_KEEP; n++) { // each file last written when its newest line was
            Path file = RotatingFile.generation(logs.resolve(LogFolder.REQUESTS), n);
            if (Files.exists(file)) {
                long newest = Files.readAllLines(file).stream().map(line -> line.getBytes(StandardCharsets.UTF_8))
                        .mapToLong(line -> LogStore.rawEpochMillis(line, 0, line.length)).max().orElseThrow();
                Files.setLastModifiedTime(file, FileTime.fromMillis(newest));
            }
        }

        for (int limit : new int[]{1, 3, 100, 1_000, 20_000}) {
            assertEquals(scanned(null, null, null, limit), store().search(null, null, null, limit), "limit " + limit);
            assertEquals(scanned("echo", null, null, limit), store().search("echo", null, null, limit), "echo, " + limit);
            assertEquals(scanned(null, "httpRequest.status:500", null, limit),
                    store().search(null, "httpRequest.status:500", null, limit), "errors, " + limit);
            Instant since = T0.plusMillis(1_200);
            assertEquals(scanned("echo", null, since, limit), store().search("echo", null, since, limit), "since, " + limit);
        }
    }

    @Test
    void readsLinesBackwardsAcrossBlocks() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            lines.add("é line " + i + " " + "ü".repeat(i % 97));
        }
        lines.add("x".repeat(200_000)); // longer than a block
        lines.add("the last, without a newline");
        Path file = logs.resolve("lines");
        Files.write(file, (String.join("\n", lines.subList(0, 1_500)) + "\n\n" + String.join("\n", lines.subList(1_500,
                lines.size()))).getBytes(StandardCharsets.UTF_8));
        List<String> backwards = new ArrayList<>();
        ReversedLines.forEach(file, (data, from, to) -> backwards.add(new String(data, from, to - from, StandardCharsets.UTF_8)));
        List<String> expected = new ArrayList<>(lines);
        java.util.Collections.reverse(expected);
        assertEquals(expected, backwards, "every line once, last first, the empty one skipped");
    }

    @Test
    void readsTheTimestampWithoutParsing() {
        assertEquals(T0.toEpochMilli() + 5, raw(
                LogLines.line(LogLines.container(T0.plusMillis(5), "echo", "r", false, "\"timestamp\":\"1999"))));
        assertEquals(Long.MIN_VALUE, raw("{\"message\":\"no time\"}"));
        assertEquals(Long.MIN_VALUE, raw("{\"timestamp\":\"2026-12-02T10:00:00Z"), "no closing quote");
    }

    private static long raw(String line) {
        byte[] bytes = ("padding " + line + " padding").getBytes(StandardCharsets.UTF_8);
        return LogStore.rawEpochMillis(bytes, 8, bytes.length - 8);
    }
}
