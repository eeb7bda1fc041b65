package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import dev.devserver.cli.CommandLineSetup;
import dev.devserver.cli.DevserverCommand;
import dev.devserver.docker.Labels;
import dev.devserver.observe.logs.LogFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets created with `devserver secret create` reach functions as Kubernetes' envFrom would, and leak nowhere else. */
class SecretsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANARY = "canary-" + UUID.randomUUID();
    @RegisterExtension
    static final RunningUp UP = new RunningUp("secrets", dir -> {
        cli(dir, "create", "provider-secrets", "--from-literal", "LEVEL=provider", "--from-literal",
                "PROVIDER_ENV=from-provider-secret", "--from-literal", "K_SERVICE=hacked", "--from-literal", "PORT=1");
        cli(dir, "create", "my-secrets", "--from-literal", "MY_SECRET=imverysecure", "--from-literal", "LEVEL=function",
                "--from-literal", "FUNCTION_ENV=from-function-secret", "--from-literal", "PROVIDER_ENV=from-function-secret",
                "--from-literal", "FUNCTION_SECRET_ONLY=yes", "--from-literal", "CANARY=" + CANARY);
    });

    private static void cli(Path dir, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = CommandLineSetup.configure(new CommandLine(new DevserverCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        String[] all = Stream.concat(Stream.of("secret"), Stream.concat(Stream.of(args), Stream.of("-f", dir.toString())))
                .toArray(String[]::new);
        assertEquals(0, cl.execute(all), out.toString());
    }

    private static JsonNode env(String function) throws IOException {
        String host = UP.session().project().function(function).orElseThrow().host(UP.session().project());
        HttpResponse<String> response = Http.get(UP.session().port(), host, "/");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void functionSeesItsSecretsWithKubernetesPrecedence() throws IOException {
        JsonNode env = env("env-js");
        assertEquals("imverysecure", env.get("MY_SECRET").asText());
        assertEquals("function", env.get("LEVEL").asText(), "a function secret wins over a provider secret");
        assertEquals("from-function-env", env.get("FUNCTION_ENV").asText(), "envs win over secret keys");
        assertEquals("from-provider-env", env.get("PROVIDER_ENV").asText(), "provider envs win over function secrets too");
        assertEquals("8080", env.get("PORT").asText(), "Knative's runtime contract wins over everything");
        assertEquals("vault-env-js", env.get("K_SERVICE").asText());
    }

    @Test
    void providerSecretsReachEveryFunctionAndFunctionSecretsOnlyTheirs() throws IOException {
        JsonNode env = env("plain-js");
        assertEquals("provider", env.get("LEVEL").asText());
        assertTrue(env.get("MY_SECRET").isNull());
        assertTrue(env.get("FUNCTION_SECRET_ONLY").isNull());
        assertEquals("vault-plain-js", env.get("K_SERVICE").asText());
    }

    @Test
    void missingSecretIsNamedWithItsFunctionsAndTheFunctionStillStarts() {
        List<String> missing = UP.printed().stream().filter(l -> l.contains("does not exist")).toList();
        assertEquals(List.of("secret \"missing-secrets\" does not exist in namespace secrets-local (used by env-js): they start"
                + " without its keys. Create it with `devserver secret create missing-secrets --from-literal KEY=VALUE`"), missing);
        assertTrue(UP.session().serving().statuses().stream().allMatch(s -> s.ready()), UP.session().serving().statuses().toString());
    }

    @Test
    void canaryIsInNoLogLabelOrTerminalLine() throws IOException {
        Http.get(UP.session().port(), UP.session().project().function("env-js").orElseThrow().host(UP.session().project()), "/?q=" + 1);
        assertFalse(String.join("\n", UP.printed()).contains(CANARY), String.join("\n", UP.printed()));
        try (Stream<Path> logs = Files.walk(LogFolder.of(UP.session().project().dir()))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(log).contains(CANARY), log.toString());
            }
        }
        List<Container> containers = Engine.docker().listContainersCmd()
                .withLabelFilter(Map.of(Labels.PROJECT, UP.session().project().dir().toString())).exec().stream()
                .filter(c -> c.getLabels().containsKey(Labels.FUNCTION)).toList(); // a reload's pause containers aside
        assertEquals(2, containers.size());
        for (Container c : containers) {
            assertFalse(c.getLabels().toString().contains(CANARY));
            var image = Engine.docker().inspectImageCmd(c.getImageId()).exec();
            assertFalse(String.valueOf(image.getConfig().getLabels()).contains(CANARY));
            assertFalse(String.valueOf(image.getConfig().getEnv()).contains(CANARY), "secrets are not baked into images");
        }
    }
}
