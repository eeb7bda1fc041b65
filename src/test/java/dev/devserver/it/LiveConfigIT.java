package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.secrets.SecretStore;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** While `up` runs, secret changes and envs edits in serverless.yml reach the functions as new revisions. */
class LiveConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static JsonNode env(Session session, String function) {
        String host = session.project().function(function).orElseThrow().host(session.project());
        try {
            return JSON.readTree(Http.get(session.port(), host, "/").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @Test
    void secretChangesAndEnvEditsRollOutWithoutRestartingUp(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copy("secrets", dir);
        try (Session session = Sessions.start(project, SessionOptions.defaults().withPort(0).withOfflineBases(true))) {
            SecretStore store = new SecretStore(project, session.project().namespace());
            assertEquals(true, env(session, "env-js").get("MY_SECRET").isNull(), "no secret yet");

            store.create("my-secrets", Map.of("MY_SECRET", "first"));
            Eventually.await("the created secret", WAIT, () -> "first".equals(env(session, "env-js").get("MY_SECRET").asText()));
            store.replace("my-secrets", Map.of("MY_SECRET", "second"));
            Eventually.await("the replaced secret", WAIT, () -> "second".equals(env(session, "env-js").get("MY_SECRET").asText()));
            assertEquals(true, env(session, "plain-js").get("MY_SECRET").isNull(), "functions without the secret are untouched");
            store.delete("my-secrets");
            Eventually.await("the deleted secret", WAIT, () -> env(session, "env-js").get("MY_SECRET").isNull());

            Path yml = project.resolve("serverless.yml");
            Files.writeString(yml, Files.readString(yml).replace("from-function-env", "edited-env"));
            Eventually.await("the edited env", WAIT, () -> "edited-env".equals(env(session, "env-js").get("FUNCTION_ENV").asText()));
            assertEquals("vault-env-js-00005", session.serving().function("env-js").orElseThrow().revisionName());
            assertEquals("vault-plain-js-00001", session.serving().function("plain-js").orElseThrow().revisionName(),
                    "a function whose configuration did not change keeps its revision");
        }
    }
}
