package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls between functions as on a cluster: the sample pair (frontend-js calls greeter-js by
 * {@code http://functions-greeter-js.sample-functions-local.svc.cluster.local/}) through the real router, and every
 * cluster name resolved and answered from inside a function container.
 */
class ClusterCallsIT {
    private static final String NS = "sample-functions-local";
    private static final String GREETER = "functions-greeter-js";
    /** The sample project with only the pair, whose entries close sample-functions/serverless.yml. */
    @RegisterExtension
    static final RunningUp UP = new RunningUp("sample-functions", project -> {
        String sample = Files.readString(project.resolve("serverless.yml"));
        Files.writeString(project.resolve("serverless.yml"), "service: functions\nfunctions:\n"
                + sample.substring(sample.indexOf("  greeter-js:")));
    });

    @Test
    void frontendCallsGreeterByItsClusterNameAndBothRequestsAreLogged() throws Exception {
        HttpResponse<String> response = Sessions.post(UP.session(), "frontend-js", "application/json", "{\"name\":\"Knative\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"greeting\":\"Hello, Knative\""), response.body());

        List<JsonNode> log = RequestLogLines.settled(UP.session().requestLog()).stream().map(RequestLogLines::parse).toList();
        assertTrue(log.stream().anyMatch(l -> l.path("service").asText().equals("functions-frontend-js")
                && l.path("host").asText().equals("functions-frontend-js." + NS + ".localhost")), log.toString());
        JsonNode inner = log.stream().filter(l -> l.path("service").asText().equals(GREETER)).findFirst()
                .orElseThrow(() -> new AssertionError("no request to greeter-js in the request log: " + log));
        assertEquals(GREETER + "." + NS + ".svc.cluster.local", inner.path("host").asText());
        assertEquals(200, inner.path("httpRequest").path("status").asInt(), inner.toString());
    }

    @Test
    void everyClusterNameReachesTheServiceOnPort80FromAFunctionContainer() throws Exception {
        for (String name : List.of(GREETER + "." + NS + ".svc.cluster.local", GREETER + "." + NS + ".svc",
                GREETER + "." + NS, GREETER + "." + NS + ".localhost")) {
            Sessions.post(UP.session(), "frontend-js", "application/json", "{}"); // a container to call from
            assertEquals("200 {\"greeting\":\"Hello, GitLab\"}",
                    ContainerExec.nodeGet(UP.session().project().dir(), "functions-frontend-js", "http://" + name + "/"), name);
        }
    }

    @Test
    void clusterNamesAreNotServedToTheHost() {
        HttpResponse<String> response = Http.send(UP.session().port(), GREETER + "." + NS + ".svc.cluster.local", "POST", "/",
                "application/json", "{}");
        assertEquals(404, response.statusCode(), response.body());
    }

    @Test
    void aServiceAddedLaterResolvesInContainersAlreadyRunning() throws Exception {
        Path yml = UP.session().project().dir().resolve("serverless.yml");
        String before = Files.readString(yml);
        Files.writeString(yml, before + "\n  later-js:\n    handler: greeter-js\n    source: ./greeter-js\n"
                + "    runtime: gitlab/runtimes/nodejs\n");
        try {
            String name = "functions-later-js." + NS + ".svc.cluster.local";
            Eventually.await(name + " in the running frontend's hosts file", Duration.ofSeconds(60),
                    () -> inFrontend("getent", "hosts", name).contains(name));
        } finally {
            Files.writeString(yml, before);
        }
    }

    /** Runs a command in the frontend's container (started on demand) and returns what it printed. */
    private static String inFrontend(String... command) {
        Sessions.post(UP.session(), "frontend-js", "application/json", "{}"); // a container to run it in
        return ContainerExec.inService(UP.session().project().dir(), "functions-frontend-js", command);
    }
}
