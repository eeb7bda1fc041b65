package dev.devserver.it;

import com.github.dockerjava.api.model.Container;
import dev.devserver.docker.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged `devserver` command as a user runs it: an application project, SIGKILL, and `down`. */
class CliIT {
    private static final Path JAR = Engine.CHECKOUT.resolve("target/quarkus-app/quarkus-run.jar");

    static ProcessBuilder devserver(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("DEVSERVER_OFFLINE_BASES", "1");
        builder.environment().put("DEVSERVER_RUNTIMES", Engine.CHECKOUT.resolve("runtimes").toString());
        return builder;
    }

    private static List<Container> containers(Path project) {
        return Engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, project.toString())).exec();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void applicationProjectIsServedAndAKilledRunIsCleanedUpByDown(@TempDir Path temp) throws Exception {
        Engine.docker();
        Path app = TestProjects.copy("app", temp).toRealPath();
        int port = freePort();
        Process up = devserver(app, "up", "--port", String.valueOf(port)).start();
        Path output = temp.resolve("up.log");
        Thread pump = new Thread(() -> {
            try {
                Files.copy(up.getInputStream(), output);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        pump.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!(Files.exists(output) && Files.readString(output).contains("Press Ctrl-C"))) {
            assertTrue(up.isAlive(), () -> "up exited: " + read(output));
            assertTrue(System.nanoTime() < deadline, () -> "up not ready: " + read(output));
            Thread.sleep(200);
        }
        String log = read(output);
        assertTrue(log.contains("http://app.app-local.localhost:" + port), log);
        HttpResponse<String> response = Http.get(port, "app.app-local.localhost", "/");
        assertEquals(200, response.statusCode());
        assertEquals("an application served from the root Dockerfile\n", response.body());
        assertEquals(200, Http.get(port, "localhost", "/healthz").statusCode());

        Eventually.await("the pause container up starts for the first edit", Duration.ofSeconds(30),
                () -> containers(app).size() == 2);
        up.destroyForcibly().waitFor(); // SIGKILL: no chance to clean up
        assertEquals(2, containers(app).size(), "the killed run left its container and the pause");
        Process down = devserver(app, "down").start();
        String downOutput = new String(down.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, down.waitFor(), downOutput);
        assertTrue(downOutput.contains("Removed 2 container"), downOutput);
        assertEquals(List.of(), containers(app));

        Process prune = devserver(app, "prune").start();
        String pruneOutput = new String(prune.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, prune.waitFor(), pruneOutput);
        assertTrue(Pattern.compile("Removed 0 container\\(s\\) and [1-9]\\d* image\\(s\\); freed \\d+\\.\\d [kM]B\\.")
                .matcher(pruneOutput).find(), pruneOutput);
        assertEquals(List.of(), Engine.docker().listImagesCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, app.toString())).exec(),
                "prune leaves no image of the project");
    }

    @Test
    void validateReportsEveryProblemWithoutAStackTrace(@TempDir Path temp) throws Exception {
        Files.writeString(temp.resolve("serverless.yml"), "service: Bad_Name\nfunctions:\n  f:\n    runtime: gitlab/runtimes/nodjs\n");
        Process validate = devserver(temp, "validate").start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, validate.waitFor(), output);
        assertTrue(output.contains("serverless.yml:4:"), output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
