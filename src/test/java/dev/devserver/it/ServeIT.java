package dev.devserver.it;

import dev.devserver.JsonTexts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import dev.devserver.docker.Labels;
import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.project.FunctionSpec;
import dev.devserver.serving.ServiceStatus;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `up` on a project mixing a nodejs function, a Dockerfile function and a function whose build fails. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningUp UP = new RunningUp("functions-mix");

    private static String host(String function) {
        return UP.session().project().function(function).orElseThrow().host(UP.session().project());
    }

    @Test
    @Order(1)
    void environmentFollowsKnativeContractAndEnvPrecedence() throws Exception {
        HttpResponse<String> response = Http.get(UP.session().port(), host("env-js"), "/");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode env = JSON.readTree(response.body());
        // SHARED: function envs win over provider envs
        JsonTexts.assertTexts(Map.of("FOO", "provider", "SHARED", "from-function", "NUMBER", "42", "PORT", "8080",
                "K_SERVICE", "mix-env-js", "K_CONFIGURATION", "mix-env-js", "K_REVISION", "mix-env-js-00001"), env);
    }

    @Test
    @Order(2)
    void dockerfileFunctionIsServedByHost() {
        HttpResponse<String> response = Http.get(UP.session().port(), host("static-docker") + ":" + UP.session().port(), "/");
        assertEquals(200, response.statusCode());
        assertEquals("static from a Dockerfile function\n", response.body());
    }

    @Test
    @Order(3)
    void failedBuildIsReportedWithItsStepAndOthersStillServe() {
        BuildResult broken = UP.session().builds().stream().filter(b -> b.function().name().equals("broken")).findFirst().orElseThrow();
        assertFalse(broken.ok());
        assertTrue(broken.error().contains("Step 2/"), broken.error());
        assertTrue(broken.logTail().stream().anyMatch(l -> l.contains("compiling the broken function")), broken.logTail().toString());
        Map<String, Boolean> ready = new HashMap<>();
        for (ServiceStatus s : UP.session().serving().statuses()) {
            ready.put(s.function(), s.ready());
        }
        assertEquals(Map.of("env-js", true, "static-docker", true, "broken", false, "crashes", false), ready);
        HttpResponse<String> response = Http.get(UP.session().port(), host("broken"), "/");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("build failed"), response.body());
        assertEquals(503, Http.get(UP.session().port(), "localhost", "/healthz").statusCode());
    }

    @Test
    @Order(3)
    void containerThatExitsAtStartIsReportedWithItsLastOutput() {
        String reason = UP.session().serving().statuses().stream().filter(s -> s.function().equals("crashes"))
                .findFirst().orElseThrow().reason();
        assertTrue(reason.contains("exited with code 4") && reason.contains("cannot open /etc/app.conf"), reason);
        HttpResponse<String> response = Http.get(UP.session().port(), host("crashes"), "/");
        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("exited with code 4"), response.body());
    }

    @Test
    @Order(4)
    void unknownHostGets404ListingKnownUrls() {
        HttpResponse<String> response = Http.get(UP.session().port(), "nope." + UP.session().project().namespace() + ".localhost", "/");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("http://" + host("env-js") + ":" + UP.session().port()), response.body());
    }

    @Test
    @Order(5)
    void requestLogLinesAreKnativeShapedJson() throws Exception {
        Http.send(UP.session().port(), host("env-js"), "POST", "/path?q=1", "text/plain", "hello");
        Thread.sleep(300);
        List<String> lines = Files.readAllLines(UP.session().requestLog());
        assertFalse(lines.isEmpty());
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        JsonNode http = last.get("httpRequest");
        for (String field : List.of("requestMethod", "requestUrl", "requestSize", "status", "responseSize", "userAgent",
                "remoteIp", "serverIp", "referer", "latency", "protocol")) {
            assertTrue(http.has(field), "httpRequest." + field + " in " + last);
        }
        assertEquals("POST", http.get("requestMethod").asText());
        assertEquals("/path?q=1", http.get("requestUrl").asText());
        assertEquals("5", http.get("requestSize").asText());
        assertEquals(200, http.get("status").asInt());
        assertTrue(http.get("latency").asText().matches("\\d+\\.\\d+s"), http.get("latency").asText());
        for (String field : List.of("traceId", "timestamp", "namespace", "service", "revision")) {
            assertTrue(last.has(field), field + " in " + last);
        }
        assertEquals("mix-env-js-00001", last.get("revision").asText());
    }

    @Test
    @Order(6)
    void containersCarryKnativeLabels() {
        List<Container> containers = Engine.docker().listContainersCmd()
                .withLabelFilter(Map.of(Labels.PROJECT, UP.session().project().dir().toString())).exec().stream()
                .filter(c -> c.getLabels().containsKey(Labels.KNATIVE_REVISION)).toList();
        assertEquals(2, containers.size(), "one a function, beside the pause container up keeps for the first edit");
        Container env = containers.stream().filter(c -> "mix-env-js".equals(c.getLabels().get(Labels.KNATIVE_SERVICE)))
                .findFirst().orElseThrow();
        assertEquals("mix-env-js", env.getLabels().get(Labels.KNATIVE_CONFIGURATION));
        assertEquals("mix-env-js-00001", env.getLabels().get(Labels.KNATIVE_REVISION));
        assertTrue(env.getPorts()[0].getIp().equals("127.0.0.1"), "published on loopback only");
    }

    @Test
    @Order(7)
    void unchangedFunctionIsNotRebuilt() {
        FunctionSpec env = UP.session().project().function("env-js").orElseThrow();
        BuildResult again = new ImageBuilder(Engine.docker(), Engine.runtimes(), true).build(UP.session().project(), env, BuildListener.SILENT);
        assertTrue(again.ok() && again.cached(), String.valueOf(again));
    }

    @Test
    @Order(8)
    void closingRemovesEveryContainer() {
        UP.stop();
        List<Container> left = Engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, UP.session().project().dir().toString())).exec();
        assertEquals(List.of(), left);
    }
}
