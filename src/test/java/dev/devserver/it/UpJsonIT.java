package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.docker.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar's `build --json` and `up --json`: every stdout line is one JSON event a script can read. */
class UpJsonIT {
    private static final Path JAR = Engine.CHECKOUT.resolve("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProcessBuilder devserver(Path dir, Path output, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(output.toFile());
        builder.environment().put("DEVSERVER_OFFLINE_BASES", "1");
        builder.environment().put("DEVSERVER_RUNTIMES", Engine.CHECKOUT.resolve("runtimes").toString());
        return builder;
    }

    private static List<JsonNode> events(Path output) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            events.add(JSON.readTree(line)); // fails the test on any line that is not JSON
        }
        return events;
    }

    private static JsonNode first(List<JsonNode> events, String name) {
        return events.stream().filter(e -> e.get("event").asText().equals(name)).findFirst().orElse(null);
    }

    @Test
    void buildAndUpPrintJsonEvents(@TempDir Path temp) throws Exception {
        Engine.docker();
        Path app = TestProjects.copy("app", temp).toRealPath();
        Path built = temp.resolve("build.jsonl");
        assertEquals(0, devserver(app, built, "build", "--json").start().waitFor(), Files.readString(built));
        JsonNode build = first(events(built), "build");
        assertEquals("app", build.get("function").asText());
        assertTrue(build.get("ok").asBoolean(), build.toString());

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path output = temp.resolve("up.jsonl");
        Process up = devserver(app, output, "up", "--json", "--port", String.valueOf(port)).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (first(events(output), "ready") == null) {
                assertTrue(up.isAlive() && System.nanoTime() < deadline, () -> "no ready event: " + read(output));
                Thread.sleep(200);
            }
            JsonNode ready = first(events(output), "ready");
            assertEquals("http://app.app-local.localhost:" + port, ready.at("/functions/0/url").asText());
            assertTrue(ready.at("/functions/0/ready").asBoolean(), ready.toString());
            assertEquals(200, Http.get(port, "app.app-local.localhost", "/").statusCode());
            while (first(events(output), "request") == null) {
                assertTrue(System.nanoTime() < deadline, () -> "no request event: " + read(output));
                Thread.sleep(100);
            }
            JsonNode request = first(events(output), "request").get("request");
            assertEquals("GET", request.at("/httpRequest/requestMethod").asText());
            assertEquals(200, request.at("/httpRequest/status").asInt());
        } finally {
            up.destroy(); // SIGTERM: the shutdown hook removes the containers and says so
            up.waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(first(events(output), "stopping") != null, read(output));
        assertEquals(List.of(), Engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, app.toString())).exec(),
                "Ctrl-C removes the containers");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
