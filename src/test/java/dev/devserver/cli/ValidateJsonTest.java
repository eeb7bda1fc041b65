package dev.devserver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver validate --json`: one parseable object on stdout, the same exit codes as the text output. */
@QuarkusMainTest
class ValidateJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void validProjectListsItsFunctions(QuarkusMainLauncher launcher) throws IOException {
        Files.writeString(Files.createDirectories(tmp.resolve("echo")).resolve("echo.js"), "module.exports = x => x;");
        Files.writeString(tmp.resolve("serverless.yml"), """
                service: shop
                functions:
                  echo:
                    handler: echo
                    source: ./echo
                    runtime: gitlab/runtimes/nodejs
                """);
        LaunchResult r = launcher.launch("validate", "--json", "-f", tmp.toString(), "--namespace", "ns");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        JsonNode json = JSON.readTree(r.getOutput());
        assertTrue(json.get("valid").asBoolean());
        assertEquals("shop", json.get("service").asText());
        assertEquals("shop-echo.ns.localhost", json.at("/functions/0/host").asText());
        assertEquals("gitlab/runtimes/nodejs", json.at("/functions/0/runtime").asText());
    }

    @Test
    void problemsAreObjectsWithPositions(QuarkusMainLauncher launcher) throws IOException {
        Path yml = Files.writeString(tmp.resolve("serverless.yml"),
                "service: Bad_Name\nfunctions:\n  f:\n    runtime: gitlab/runtimes/nodjs\n");
        LaunchResult r = launcher.launch("validate", "--json", "-f", yml.toString());
        assertEquals(2, r.exitCode(), r.getOutput());
        JsonNode json = JSON.readTree(r.getOutput());
        assertFalse(json.get("valid").asBoolean());
        JsonNode first = json.at("/problems/0");
        assertEquals(yml.toString(), first.get("file").asText());
        assertEquals(1, first.get("line").asInt());
        assertEquals(1, first.get("column").asInt());
        assertTrue(first.get("message").asText().startsWith("service name `Bad_Name`"), first.toString());
        boolean runtimeProblem = false;
        for (JsonNode p : json.get("problems")) {
            runtimeProblem |= p.get("line").asInt() == 4 && p.get("message").asText().contains("did you mean `gitlab/runtimes/nodejs`");
        }
        assertTrue(runtimeProblem, json.toString());
    }

    @Test
    void aMissingProjectIsOneProblemWithoutPosition(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult r = launcher.launch("validate", "--json", "-f", tmp.toString());
        assertEquals(2, r.exitCode(), r.getOutput());
        JsonNode problem = JSON.readTree(r.getOutput()).at("/problems/0");
        assertTrue(problem.get("line").isNull());
        assertTrue(problem.get("message").asText().contains("no serverless.yml and no Dockerfile here"), problem.toString());
    }
}
