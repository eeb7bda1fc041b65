package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import dev.devserver.docker.Labels;
import dev.devserver.serving.ServingOptions;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Knative serving semantics on the real engine: revisions on edit, scale to zero and back, scale out, recovery. */
class ServingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SessionOptions fastWindows(Duration freezeAfter) {
        return SessionOptions.defaults().withPort(0).withOfflineBases(true).withServing(ServingOptions.defaults()
                .withWindows(Duration.ofSeconds(2), Duration.ofSeconds(1), freezeAfter).withTick(Duration.ofMillis(200)));
    }

    private static String host(Session session, String function) {
        return session.project().function(function).orElseThrow().host(session.project());
    }

    private static List<Container> containers(Session session, String function) {
        // Live containers: running or paused (Podman leaves paused ones out of its default list, Docker keeps them).
        return Engine.docker().listContainersCmd().withShowAll(true).withStatusFilter(List.of("running", "paused"))
                .withLabelFilter(Map.of(Labels.PROJECT, session.project().dir().toString(), Labels.FUNCTION, function)).exec();
    }


    @Test
    void sourceEditIsServedAsANewRevisionWithoutRestarting(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copy("scaling", dir);
        try (Session session = Sessions.start(project, fastWindows(Duration.ZERO).withServing(ServingOptions.defaults()))) {
            String host = host(session, "edit-js");
            assertEquals("version 1", Http.get(session.port(), host, "/").body());
            assertEquals("scaling-edit-js-00001", session.serving().function("edit-js").orElseThrow().revisionName());
            Files.writeString(project.resolve("edit-js/edit.js"), "module.exports = () => 'version 2';\n");
            Eventually.await("version 2 to be served", Duration.ofSeconds(60),
                    () -> Http.get(session.port(), host, "/").body().equals("version 2"));
            assertEquals("scaling-edit-js-00002", session.serving().function("edit-js").orElseThrow().revisionName());
            Eventually.await("the old revision's container to be removed", Duration.ofSeconds(10),
                    () -> containers(session, "edit-js").stream()
                            .allMatch(c -> c.getLabels().get(Labels.KNATIVE_REVISION).equals("scaling-edit-js-00002")));
        }
    }

    @Test
    void idleRevisionScalesToZeroAndAHeldRequestIsAnsweredFromZero(@TempDir Path dir) throws Exception {
        try (Session session = Sessions.start(TestProjects.copy("scaling", dir), fastWindows(Duration.ZERO).withWatch(false))) {
            String host = host(session, "edit-js");
            assertEquals(200, Http.get(session.port(), host, "/").statusCode());
            Eventually.await("scale to zero", Duration.ofSeconds(15), () -> containers(session, "edit-js").isEmpty());
            assertEquals(1, containers(session, "warm-js").size(), "min-scale 1 keeps a warm container");
            HttpResponse<String> fromZero = Http.get(session.port(), host, "/");
            assertEquals(200, fromZero.statusCode(), fromZero.body());
            assertEquals("version 1", fromZero.body());
            assertEquals(1, containers(session, "edit-js").size());
        }
    }

    @Test
    void idleContainerFreezesAndThawsOnTheNextRequest(@TempDir Path dir) throws Exception {
        SessionOptions options = SessionOptions.defaults().withPort(0).withOfflineBases(true).withWatch(false)
                .withServing(ServingOptions.defaults().withWindows(Duration.ofSeconds(60), Duration.ofSeconds(30),
                        Duration.ofSeconds(1)).withTick(Duration.ofMillis(200)));
        try (Session session = Sessions.start(TestProjects.copy("scaling", dir), options)) {
            String host = host(session, "edit-js");
            assertEquals(200, Http.get(session.port(), host, "/").statusCode());
            Eventually.await("the container to be paused", Duration.ofSeconds(10), () -> containers(session, "edit-js").stream()
                    .anyMatch(c -> c.getStatus().contains("Paused")));
            assertEquals("version 1", Http.get(session.port(), host, "/").body());
            assertTrue(containers(session, "edit-js").stream().noneMatch(c -> c.getStatus().contains("Paused")));
        }
    }

    @Test
    void concurrencyOneWithFourSlowRequestsScalesOut(@TempDir Path dir) throws Exception {
        try (Session session = Sessions.start(TestProjects.copy("scaling", dir), fastWindows(Duration.ZERO).withWatch(false))) {
            String host = host(session, "slow-js");
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            // Four 3-second requests: one container alone needs 12 s, so a second one (ready in a few seconds even on
            // a busy machine) takes some of them.
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> Http.send(session.port(), host, "POST", "/", "text/plain", "3000")));
            }
            Set<String> answeredBy = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertEquals(200, response.statusCode(), response.body());
                JsonNode body = JSON.readTree(response.body());
                answeredBy.add(body.get("container").asText());
            }
            assertTrue(answeredBy.size() > 1, "answered by " + answeredBy);
        }
    }

    @Test
    void killedContainerIsReplaced(@TempDir Path dir) throws Exception {
        try (Session session = Sessions.start(TestProjects.copy("scaling", dir), SessionOptions.defaults().withPort(0)
                .withOfflineBases(true).withWatch(false))) {
            String host = host(session, "edit-js");
            assertEquals(200, Http.get(session.port(), host, "/").statusCode());
            String killed = containers(session, "edit-js").get(0).getId();
            Engine.docker().killContainerCmd(killed).exec();
            long start = System.nanoTime();
            Eventually.await("a replacement to answer", Duration.ofSeconds(30), () -> Http.get(session.port(), host, "/").statusCode() == 200);
            System.out.println("recovered after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertTrue(containers(session, "edit-js").stream().noneMatch(c -> c.getId().equals(killed)));
        }
    }
}
