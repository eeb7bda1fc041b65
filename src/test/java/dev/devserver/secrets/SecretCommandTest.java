package dev.devserver.secrets;

import dev.devserver.project.TestProjects;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.devserver.CommandOutput.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver secret …` end to end through Quarkus and picocli. */
@QuarkusMainTest
class SecretCommandTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void project() throws IOException {
        dir = Files.createDirectories(tmp.resolve("my-project"));
        Files.writeString(dir.resolve("serverless.yml"), TestProjects.GITLAB_EXAMPLE);
        Files.writeString(Files.createDirectories(dir.resolve("echo-js")).resolve("echo-js.js"), "module.exports = x => x;");
    }

    private LaunchResult run(QuarkusMainLauncher launcher, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", dir.toString()));
        return launcher.launch(all.toArray(String[]::new));
    }

    private SecretStore store() {
        return new SecretStore(dir, "my-project-local");
    }

    @Test
    void createFromEverySourceThenListGetDelete(QuarkusMainLauncher launcher) throws IOException {
        Path envFile = Files.writeString(tmp.resolve("s.env"), "[section]\nFROM_FILE=\"a b\"\n");
        LaunchResult created = run(launcher, "secret", "create", "my-secrets", "--from-literal", "MY_SECRET=imverysecure",
                "--from-literal=EQ=x=y", "--from-env-file", envFile.toString(), "--from-env", "HOME", "--from-env", "COPIED=HOME");
        assertEquals(0, created.exitCode(), all(created));
        assertTrue(created.getOutput().contains("secret/my-secrets created with 5 key(s) in namespace my-project-local"), all(created));
        assertEquals(Map.of("MY_SECRET", "imverysecure", "EQ", "x=y", "FROM_FILE", "a b", "HOME", System.getenv("HOME"),
                "COPIED", System.getenv("HOME")), store().get("my-secrets").orElseThrow());

        LaunchResult list = run(launcher, "secret", "list");
        assertEquals(0, list.exitCode(), all(list));
        assertTrue(list.getOutput().matches("(?s)NAME\\s+KEYS\nmy-secrets\\s+COPIED,EQ,FROM_FILE,HOME,MY_SECRET\n?"), all(list));

        LaunchResult revealed = run(launcher, "secret", "get", "my-secrets", "--reveal");
        assertTrue(revealed.getOutput().contains("MY_SECRET=imverysecure"), all(revealed));
        assertTrue(revealed.getOutput().contains("FROM_FILE=a b\n"), all(revealed));
        LaunchResult json = run(launcher, "secret", "get", "my-secrets", "-o", "json", "--reveal");
        assertTrue(json.getOutput().contains("\"MY_SECRET\" : \"imverysecure\""), all(json));
        LaunchResult yaml = run(launcher, "secret", "get", "my-secrets", "-o", "yaml");
        assertTrue(yaml.getOutput().contains("- MY_SECRET"), all(yaml));

        LaunchResult deleted = run(launcher, "secret", "delete", "my-secrets");
        assertEquals(0, deleted.exitCode(), all(deleted));
        assertTrue(store().get("my-secrets").isEmpty());
        LaunchResult again = run(launcher, "secret", "delete", "my-secrets");
        assertEquals(1, again.exitCode(), all(again));
        assertTrue(again.getErrorOutput().contains("secrets \"my-secrets\" not found in namespace my-project-local"), all(again));
    }

    @Test
    void canaryValueAppearsInNoOutput(QuarkusMainLauncher launcher) {
        String canary = "canary-" + UUID.randomUUID();
        List<LaunchResult> results = new ArrayList<>();
        results.add(run(launcher, "secret", "create", "my-secrets", "--from-literal", "MY_SECRET=" + canary));
        results.add(run(launcher, "secret", "list"));
        results.add(run(launcher, "secret", "get", "my-secrets"));
        results.add(run(launcher, "secret", "get", "my-secrets", "-o", "json"));
        results.add(run(launcher, "secret", "get", "my-secrets", "-o", "yaml"));
        results.add(run(launcher, "secret", "create", "my-secrets", "--from-literal", "MY_SECRET=" + canary));
        results.add(run(launcher, "secret", "create", "other", "--from-literal", "MY_SECRET=" + canary, "--from-literal", "MY_SECRET=" + canary));
        results.add(run(launcher, "secret", "create", "other", "MY_SECRET=" + canary));
        results.add(run(launcher, "secret", "create", "other", "--from-literal", "BAD KEY=" + canary));
        results.add(run(launcher, "secret", "create", "other", "--from-literl=MY_SECRET=" + canary));
        results.add(run(launcher, "secret", "delete", "my-secrets"));
        for (LaunchResult r : results) {
            assertFalse(all(r).contains(canary), all(r));
            assertFalse(all(r).contains("Exception"), all(r));
        }
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0), results.stream().map(LaunchResult::exitCode).toList());
        assertTrue(results.get(2).getOutput().contains("MY_SECRET:  43 bytes"), all(results.get(2)));
        assertTrue(results.get(5).getErrorOutput().contains("secrets \"my-secrets\" already exists"), all(results.get(5)));
        assertTrue(results.get(6).getErrorOutput().contains("key `MY_SECRET` is given twice"), all(results.get(6)));
    }

    @Test
    void existingSecretIsReplacedOnlyWithReplace(QuarkusMainLauncher launcher) {
        assertEquals(0, run(launcher, "secret", "create", "my-secrets", "--from-literal", "A=1").exitCode());
        LaunchResult dup = run(launcher, "secret", "create", "my-secrets", "--from-literal", "A=2");
        assertEquals(1, dup.exitCode());
        assertTrue(dup.getErrorOutput().contains("devserver secret delete my-secrets"), all(dup));
        assertTrue(dup.getErrorOutput().contains("--replace"), all(dup));
        LaunchResult replaced = run(launcher, "secret", "create", "my-secrets", "--from-literal", "B=3", "--replace");
        assertEquals(0, replaced.exitCode(), all(replaced));
        assertEquals(Map.of("B", "3"), store().get("my-secrets").orElseThrow());
    }

    @Test
    void clearErrors(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult unset = run(launcher, "secret", "create", "s", "--from-env", "DEVSERVER_TEST_SURELY_UNSET_42");
        assertEquals(1, unset.exitCode());
        assertTrue(unset.getErrorOutput().contains("environment variable DEVSERVER_TEST_SURELY_UNSET_42 is not set"), all(unset));
        LaunchResult badName = run(launcher, "secret", "create", "My_Secrets", "--from-literal", "A=1");
        assertEquals(1, badName.exitCode());
        assertTrue(badName.getErrorOutput().contains("secret name `My_Secrets` is invalid"), all(badName));
        Path bad = Files.writeString(tmp.resolve("bad.env"), "OK=1\nnot a line\n");
        LaunchResult badFile = run(launcher, "secret", "create", "s", "--from-env-file", bad.toString());
        assertEquals(1, badFile.exitCode());
        assertTrue(badFile.getErrorOutput().contains(bad + ":2: expected KEY=VALUE"), all(badFile));
        LaunchResult noSuch = run(launcher, "secret", "get", "nope");
        assertEquals(1, noSuch.exitCode());
        assertTrue(noSuch.getErrorOutput().contains("secrets \"nope\" not found"), all(noSuch));
        LaunchResult namespaced = launcher.launch("secret", "list", "-f", dir.toString(), "--namespace", "staging");
        assertTrue(namespaced.getOutput().contains("No secrets in namespace staging"), all(namespaced));
    }
}
