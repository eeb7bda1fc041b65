package dev.devserver.it;

import dev.devserver.JsonTexts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.DevserverException;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import dev.devserver.serving.ServingOptions;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.github.dockerjava.api.model.Container;
import dev.devserver.docker.Labels;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;

/**
 * The Knative runtime contract row by row (shared/reference/knative-conformance.md), against a probe container
 * (runtime-contract/probe, a node server running as uid 1000) behind a real `up`. Lifecycle signals are in
 * {@link RuntimeContractLifecycleIT}; WebSocket, h2c and calls between functions belong to the Knative-manifests
 * work, HTTPS termination to {@link TlsIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Duration REVISION_TIMEOUT = Duration.ofSeconds(5);
    @RegisterExtension
    static final RunningUp UP = new RunningUp("runtime-contract", project -> { }, SessionOptions.defaults().withPort(0)
            .withOfflineBases(true).withWatch(false).withTimeouts(Duration.ofSeconds(60), REVISION_TIMEOUT)
            .withServing(ServingOptions.defaults().withWindows(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO)
                    .withTick(Duration.ofMillis(200))));

    static String host(Session session, String function) {
        return session.project().function(function).orElseThrow().host(session.project());
    }

    static List<Container> running(Session session, String function) {
        return Engine.docker().listContainersCmd().withLabelFilter(Map.of(Labels.PROJECT,
                session.project().dir().toString(), Labels.FUNCTION, function)).exec();
    }

    static String log(Session session, String function) {
        return logFile(session.project().dir(), function);
    }

    static String logFile(Path project, String function) {
        try {
            return Files.readString(project.resolve(".devserver/logs").resolve(function + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static String log(String function) {
        return log(UP.session(), function);
    }

    private static HttpResponse<String> get(String function, String path) {
        return Http.get(UP.session().port(), host(UP.session(), function), path);
    }

    private static JsonNode json(String function, String path) throws Exception {
        HttpResponse<String> response = get(function, path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Bytes exactly as written, for headers Java's client will not send; reads until the router closes. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", UP.session().port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(reply);
            } catch (SocketException resetAfterTheReply) {
                // a refused request is answered, then the connection is reset: the answer was read
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String rawGet(String function, String path, String headers) throws Exception {
        return raw("GET " + path + " HTTP/1.1\r\nHost: " + host(UP.session(), function) + "\r\n" + headers + "Connection: close\r\n\r\n");
    }

    private static JsonNode body(String rawResponse) throws Exception {
        assertTrue(rawResponse.startsWith("HTTP/1.1 200"), rawResponse.substring(0, Math.min(300, rawResponse.length())));
        String body = rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
        if (rawResponse.toLowerCase().contains("transfer-encoding: chunked")) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            for (int size; (size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)).trim(), 16)) > 0; ) {
                int start = body.indexOf("\r\n", at) + 2;
                joined.append(body, start, start + size);
                at = start + size + 2;
            }
            body = joined.toString();
        }
        return JSON.readTree(body);
    }

    @Test
    @Order(1)
    void defaultReadinessIsTcpSoUserCodeSeesNoProbeAndASlowRootDoesNotMatter() throws Exception {
        // `single` (min-scale 1) became ready at `up` although its `/` answers only after 30 s.
        JsonNode stats = json("single", "/stats");
        assertEquals(0, stats.get("requests").asInt(), "user code received probe requests: " + stats);
        assertEquals(0, stats.get("probeHeaders").asInt());
    }

    @Test
    @Order(2)
    void kNetworkProbeIsAnsweredByTheRouterNeverByUserCode() throws Exception {
        String reply = rawGet("single", "/anything", "K-Network-Probe: queue\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(reply.endsWith("queue\n"), reply);
        assertTrue(rawGet("single", "/", "K-Network-Probe: bogus\r\n").startsWith("HTTP/1.1 400"));
        JsonNode stats = json("single", "/stats");
        assertEquals(0, stats.get("probeHeaders").asInt(), stats.toString());
        assertEquals(0, stats.get("requests").asInt(), stats.toString());
    }

    @Test
    void portAndKnativeVariablesAreSet() throws Exception {
        JsonNode env = json("probe", "/env");
        assertEquals("8080", env.get("PORT").asText());
        assertEquals("contract-probe", env.get("K_SERVICE").asText());
        assertEquals("contract-probe", env.get("K_CONFIGURATION").asText());
        assertEquals("contract-probe-00001", env.get("K_REVISION").asText());
    }

    @Test
    void reservedVariablesInEnvsAreAValidateError(@TempDir Path other) throws Exception {
        Path copy = TestProjects.copy("runtime-contract", other);
        Path yml = copy.resolve("serverless.yml");
        Files.writeString(yml, Files.readString(yml).replace("      SIGTERM_DELAY_MS: 300\n",
                "      SIGTERM_DELAY_MS: 300\n      PORT: \"9090\"\n      K_REVISION: mine\n"));
        DevserverException e = assertThrows(DevserverException.class, () -> ProjectLoader.load(copy, Settings.defaults()));
        assertTrue(e.getMessage().contains("serverless.yml:11:7: `PORT` is reserved"), e.getMessage());
        assertTrue(e.getMessage().contains("serverless.yml:12:7: `K_REVISION` is reserved"), e.getMessage());
    }

    @Test
    void hostAndUserHeadersArriveAsSentWithForwardingAndTraceHeaders() throws Exception {
        JsonNode seen = body(rawGet("probe", "/headers?q=1", "This-Was-User-Set: a value\r\nX-Custom: one\r\nX-Custom: two\r\n"
                + "Forwarded: for=203.0.113.7\r\nX-Forwarded-For: 203.0.113.7\r\n"
                + "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n"));
        JsonNode h = seen.get("headers");
        String host = host(UP.session(), "probe");
        assertEquals(host, h.get("host").asText());
        assertEquals("/headers?q=1", seen.get("url").asText());
        assertEquals("1.1", seen.get("version").asText());
        assertEquals("a value", h.get("this-was-user-set").asText());
        List<String> raw = new ArrayList<>();
        seen.get("raw").forEach(n -> raw.add(n.asText()));
        assertEquals(2, Collections.frequency(raw, "X-Custom") + Collections.frequency(raw, "x-custom"),
                "duplicate headers are kept: " + raw);
        JsonTexts.assertTexts(Map.of("forwarded", "for=203.0.113.7, for=127.0.0.1;host=" + host + ";proto=http",
                "x-forwarded-for", "203.0.113.7, 127.0.0.1",
                "x-forwarded-proto", "http",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "x-b3-traceid", "4bf92f3577b34da6a3ce929d0e0e4736",
                "x-b3-spanid", "00f067aa0ba902b7",
                "x-b3-sampled", "1"), h);
    }

    @Test
    void hopByHopHeadersAreStripped() throws Exception {
        JsonNode h = body(rawGet("probe", "/headers", "Connection: X-Named\r\nX-Named: hop\r\nKeep-Alive: timeout=5\r\n"
                + "TE: trailers\r\nProxy-Authorization: Basic abc\r\nX-End: kept\r\n")).get("headers");
        for (String hop : new String[]{"x-named", "keep-alive", "te", "proxy-authorization", "upgrade"}) {
            assertNull(h.get(hop), hop + " reached the container: " + h);
        }
        assertEquals("kept", h.get("x-end").asText());
    }

    @Test
    void requestBodiesArriveWholeWithContentLengthAndChunked() throws Exception {
        byte[] data = new byte[24 * 1024 * 1024];
        new Random(15).nextBytes(data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        URI uri = URI.create("http://127.0.0.1:" + UP.session().port() + "/echo");
        HttpResponse<String> fixed = CLIENT.send(HttpRequest.newBuilder(uri).header("Host", host(UP.session(), "probe"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode f = JSON.readTree(fixed.body());
        assertEquals(data.length, f.get("bytes").asInt());
        assertEquals(sha, f.get("sha256").asText());
        assertFalse(f.get("chunked").asBoolean());
        HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(uri).header("Host", host(UP.session(), "probe"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode c = JSON.readTree(chunked.body());
        assertEquals(sha, c.get("sha256").asText());
        assertTrue(c.get("chunked").asBoolean());
    }

    @Test
    void streamedResponsesArriveAsTheyAreWritten() throws Exception {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + UP.session().port() + "/stream?n=3&gap=1000"))
                .header("Host", host(UP.session(), "probe")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            long firstArrived = System.nanoTime();
            assertTrue(first.startsWith("chunk 0"), first);
            lines.readLine();
            assertTrue(lines.readLine().startsWith("chunk 2"));
            // The last chunk is written 2 s after the first: the first cannot have waited for it.
            assertTrue(System.nanoTime() - firstArrived > 1_500_000_000L, "the chunks arrived together");
        }
    }

    @Test
    void headersAndUrlsUpToAMegabytePassAndBeyondAre431And414() throws Exception {
        String cookie = "Cookie: session=" + "c".repeat(100 * 1024) + "\r\n";
        assertEquals(100 * 1024 + 8, body(rawGet("probe", "/headers", cookie)).get("headers").get("cookie").asText().length());
        String query = "/headers?q=" + "q".repeat(100 * 1024);
        assertEquals(query, body(rawGet("probe", query, "")).get("url").asText());
        String tooBig = rawGet("probe", "/headers", "X-Big: " + "x".repeat(1024 * 1024) + "\r\n");
        assertTrue(tooBig.startsWith("HTTP/1.1 431"), tooBig.substring(0, Math.min(200, tooBig.length())));
        String tooLong = rawGet("probe", "/headers?q=" + "q".repeat(1024 * 1024), "");
        // Refused before its version was read, so the answer is HTTP/1.0 (Netty's placeholder for an unparsed request).
        assertTrue(tooLong.matches("(?s)HTTP/1\\.[01] 414 .*"), tooLong.substring(0, Math.min(200, tooLong.length())));
    }

    @Test
    void revisionTimeoutGives504UntilTheFirstByte() throws Exception {
        HttpResponse<String> late = get("probe", "/sleep?ms=" + (REVISION_TIMEOUT.toMillis() + 3000));
        assertEquals(504, late.statusCode(), late.body());
        assertEquals(200, get("probe", "/sleep?ms=1000").statusCode());
        HttpResponse<String> streamed = get("probe", "/first-byte-then?ms=" + (REVISION_TIMEOUT.toMillis() + 2000));
        assertEquals(200, streamed.statusCode());
        assertEquals("started\ndone\n", streamed.body());
    }

    @Test
    void requestsAtZeroAreHeldThroughAColdStartEvenForALateListener() throws Exception {
        Eventually.await("`late` to scale to zero", Duration.ofSeconds(30), () -> running(UP.session(), "late").isEmpty());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> get("late", "/user")));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertEquals(200, call.get().statusCode(), call.get().body());
        }
    }

    @Test
    void containerConcurrencyIsAHardLimit() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> get("single", "/sleep?ms=700")));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertEquals(200, call.get().statusCode());
        }
        for (int i = 0; i < 3; i++) { // whichever container answers: it never had two requests at once
            assertEquals(1, json("single", "/stats").get("maxInFlight").asInt());
        }
    }

    @Test
    void aCrashIs502ThenRecovers() throws Exception {
        String crashed = json("probe", "/stats").get("hostname").asText();
        assertEquals(200, get("probe", "/crash").statusCode());
        Eventually.await("a replacement to answer", Duration.ofSeconds(30), () -> {
            HttpResponse<String> next = get("probe", "/stats");
            return next.statusCode() == 200 && !next.body().contains(crashed);
        });
        assertTrue(log("probe").contains("request GET /crash"));
    }

    @Test
    void outputIsCollectedStdinIsEmptyAndThereIsNoTty() throws Exception {
        get("probe", "/log?line=contract-log-line");
        JsonNode fds = json("probe", "/fds");
        assertEquals("/dev/null", fds.get("stdin").asText());
        assertTrue(fds.get("stdinEof").asBoolean(), fds.toString());
        assertFalse(fds.get("stdinTTY").asBoolean());
        assertFalse(fds.get("stdoutTTY").asBoolean());
        assertFalse(fds.get("console").asBoolean(), "/dev/console");
        Eventually.await("the line in the function's log", Duration.ofSeconds(10), () -> {
            String log = log("probe");
            return log.contains("contract-log-line") && log.contains("stderr: contract-log-line");
        });
    }

    @Test
    void filesystemAsTheContractLists() throws Exception {
        JsonNode fs = json("probe", "/fs");
        JsonNode files = fs.get("files");
        assertEquals("1777", files.get("/tmp").get("mode").asText());
        assertEquals("ok", fs.get("writeTmp").asText());
        assertEquals("1777", files.get("/var/log").get("mode").asText(), "/var/log for a non-root user");
        assertEquals("ok", fs.get("writeVarLog").asText());
        assertEquals("/proc/self/fd", files.get("/dev/fd").get("link").asText());
        assertEquals("/proc/self/fd/0", files.get("/dev/stdin").get("link").asText());
        assertEquals("/proc/self/fd/1", files.get("/dev/stdout").get("link").asText());
        assertEquals("/proc/self/fd/2", files.get("/dev/stderr").get("link").asText());
        for (String device : new String[]{"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/full",
                "/dev/ptmx", "/dev/pts", "/dev/shm", "/proc/self/fd/0", "/proc/self/fd/1", "/proc/self/fd/2"}) {
            assertTrue(files.get(device).get("exists").asBoolean(), device);
        }
        assertTrue(List.of("EROFS", "EACCES").contains(fs.get("writeProcSys").asText()), fs.toString());
        assertTrue(List.of("EROFS", "EACCES").contains(fs.get("writeCgroup").asText()), fs.toString());
    }

    @Test
    void theImagesUserRunsTheProcess() throws Exception {
        JsonNode user = json("probe", "/user");
        assertEquals(1000, user.get("uid").asInt());
        assertEquals(1000, user.get("euid").asInt());
    }

    @Test
    void dnsResolvesLocalNames() throws Exception {
        JsonNode files = json("probe", "/fs").get("files");
        assertTrue(files.get("/etc/resolv.conf").get("exists").asBoolean());
        assertTrue(files.get("/etc/hosts").get("exists").asBoolean());
        String hostname = json("probe", "/stats").get("hostname").asText();
        assertNull(json("probe", "/dns?name=localhost").get("error").textValue());
        assertNull(json("probe", "/dns?name=" + hostname).get("error").textValue(), "its own host name");
    }

    @Test
    void idleContainersKeepRunningBackgroundWork() throws Exception {
        json("single", "/stats");
        Thread.sleep(4000); // idle, longer than --freeze-after would have allowed when it was on by default
        JsonNode ticks = json("single", "/stats").get("ticks");
        long maxGap = 0;
        for (int i = 1; i < ticks.size(); i++) {
            maxGap = Math.max(maxGap, ticks.get(i).asLong() - ticks.get(i - 1).asLong());
        }
        assertTrue(maxGap < 3000, "a 250 ms ticker stopped for " + maxGap + " ms while idle");
    }
}
