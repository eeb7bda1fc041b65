package dev.devserver.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.cli.RequestLogPrinter;
import dev.devserver.observe.logs.LogLines;
import dev.devserver.observe.logs.RequestLogFile;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogTest extends RouterTestBase {
    @TempDir
    Path dir;

    @Test
    void recordsWrittenToFileParseAsJsonWithAllFields() throws Exception {
        Path file = dir.resolve(".devserver/logs/requests.jsonl");
        upstreamHandler = req -> req.body().onSuccess(b -> req.response().setStatusCode(201).end("seventeen bytes!!"));
        try (RequestLogFile log = new RequestLogFile(file)) {
            router.stop().toCompletionStage().toCompletableFuture().get();
            router = new Router(vertx, services, options(), log);
            port = await(router.start());
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("User-Agent", "test-agent/1 \"quoted\" \\ é")
                    .add("Referer", "http://ref/").add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            for (int i = 0; i < 50; i++) {
                send(HttpMethod.POST, FN_HOST + ":" + port, "/path?q=" + i, headers, "hello");
            }
            waitUntil("50 lines", () -> lines(file).size() == 50);
        }
        List<String> lines = lines(file);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        JsonNode http = first.get("httpRequest");
        assertEquals("POST", http.get("requestMethod").asText());
        assertEquals("/path?q=0", http.get("requestUrl").asText());
        assertEquals("5", http.get("requestSize").asText());
        assertTrue(http.get("requestSize").isTextual());
        assertEquals(201, http.get("status").asInt());
        assertTrue(http.get("status").isInt());
        assertEquals("17", http.get("responseSize").asText());
        assertTrue(http.get("userAgent").asText().startsWith("test-agent/1 \"quoted\""));
        assertEquals("127.0.0.1", http.get("remoteIp").asText());
        assertEquals("127.0.0.1:" + upstreamPort, http.get("serverIp").asText());
        assertEquals("http://ref/", http.get("referer").asText());
        assertTrue(http.get("latency").asText().matches("\\d+\\.\\d{6}s"), http.get("latency").asText());
        assertEquals("HTTP/1.1", http.get("protocol").asText());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", first.get("traceId").asText());
        assertEquals("ns", first.get("namespace").asText());
        assertEquals("functions-echo", first.get("service").asText());
        assertEquals("functions-echo-00001", first.get("revision").asText());
        Instant.parse(first.get("timestamp").asText());
        for (String line : lines) {
            new ObjectMapper().readTree(line); // every line whole and valid
        }
    }

    @Test
    void unwritableFileIsReportedOnceAndServingGoesOn() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (RequestLogFile log = new RequestLogFile(blocker.resolve("requests.jsonl"))) {
            for (int i = 0; i < 3; i++) {
                log.accept(sample(200));
                Thread.sleep(50);
            }
        } finally {
            System.setErr(err);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("cannot write request log"), output);
        assertEquals(output.indexOf("devserver:"), output.lastIndexOf("devserver:"), "reported once: " + output);
    }

    @Test
    void printerWritesOneReadableLine() {
        RequestLogPrinter plain = new RequestLogPrinter(new PrintStream(new ByteArrayOutputStream()), false);
        String line = plain.format(sample(200));
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d POST functions-echo-js\\.ns\\.localhost/ 200 3\\.1ms 17B"), line);
        String coloured = new RequestLogPrinter(new PrintStream(new ByteArrayOutputStream()), true).format(sample(503));
        assertTrue(coloured.contains("\u001b[31m503"), coloured);
        RequestRecord hostile = new RequestRecord(Instant.now(), "ns", "s", "r", "h", "GET", "/\u001b[2J", 0, 200, 0,
                "", "", "", "", Duration.ZERO, "HTTP/1.1", "");
        assertFalse(plain.format(hostile).contains("\u001b"), "control characters from the caller are not echoed raw");
    }

    @Test
    void jsonIsOneLineEvenWithControlCharacters() throws Exception {
        RequestRecord record = new RequestRecord(Instant.parse("2024-01-01T12:00:01Z"), "ns", "svc", "svc-00001", "h",
                "GET", "/a\nb", 0, 200, 3, "agent\r\n", "::1", "127.0.0.1:1", "", Duration.ofNanos(1_234_000),
                "HTTP/1.1", "abc");
        String json = LogLines.line(LogLines.request(record));
        assertFalse(json.contains("\n") || json.contains("\r"), json);
        assertEquals("0.001234s", new ObjectMapper().readTree(json).get("httpRequest").get("latency").asText());
        assertEquals("2024-01-01T12:00:01Z", new ObjectMapper().readTree(json).get("timestamp").asText());
    }

    private static RequestRecord sample(int status) {
        return new RequestRecord(Instant.now(), "ns", "functions-echo-js", "functions-echo-js-00001",
                "functions-echo-js.ns.localhost", "POST", "/", 5, status, 17, "curl", "127.0.0.1", "127.0.0.1:5000", "",
                Duration.ofNanos(3_100_000), "HTTP/1.1", "");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
