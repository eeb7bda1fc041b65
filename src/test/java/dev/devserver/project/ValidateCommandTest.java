package dev.devserver.project;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.devserver.CommandOutput.all;
import static dev.devserver.CommandOutput.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver validate` end to end through Quarkus and picocli: exit codes, and never a stack trace. */
@QuarkusMainTest
class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void validProjectExitsZero(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult r = validate(launcher, TestProjects.GITLAB_EXAMPLE, "-f", "--namespace", "ns");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("✔ serverless.yml is valid: service functions, 1 function(s)"), all(r));
        assertTrue(r.getOutput().contains("functions-echo-js.ns.localhost"), all(r));
        assertNoStackTrace(r);
    }

    @Test
    void invalidProjectExitsTwoWithPositionedProblems(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult r = validate(launcher, TestProjects.GITLAB_EXAMPLE.replace("    secrets:", "    secrts:")
                .replace("service: functions", "service: Functions"), "--file");
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("serverless.yml:1:1: service name `Functions`"), all(r));
        assertTrue(r.getErrorOutput().contains("serverless.yml:17:5: unknown key `secrts`"), all(r));
        assertNoStackTrace(r);
    }

    @Test
    void reservedEnvironmentVariablesAreRefusedAsKnativeDoes(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult r = validate(launcher, TestProjects.GITLAB_EXAMPLE
                .replace("    FOO: value\n", "    FOO: value\n    PORT: \"9090\"\n    K_SERVICE: mine\n")
                .replace("      MY_FUNCTION: echo-js\n", "      MY_FUNCTION: echo-js\n      K_CONFIGURATION: a\n      K_REVISION: b\n"),
                "-f");
        assertEquals(2, r.exitCode(), all(r));
        String err = r.getErrorOutput();
        assertTrue(err.contains("serverless.yml:7:5: `PORT` is reserved: Knative sets it"), all(r));
        assertTrue(err.contains("remove it and listen on the PORT Knative gives (8080)"), all(r));
        assertTrue(err.contains("serverless.yml:8:5: `K_SERVICE` is reserved"), all(r));
        assertTrue(err.contains("serverless.yml:19:7: `K_CONFIGURATION` is reserved"), all(r));
        assertTrue(err.contains("serverless.yml:20:7: `K_REVISION` is reserved"), all(r));
        assertFalse(err.contains("MY_FUNCTION"), all(r));
        assertNoStackTrace(r);
    }

    @Test
    void binaryAndMissingFilesExitTwo(QuarkusMainLauncher launcher) throws IOException {
        Path bin = Files.write(tmp.resolve("serverless.yml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        LaunchResult r = launcher.launch("validate", "-f", bin.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("not UTF-8"), all(r));
        assertNoStackTrace(r);
        LaunchResult missing = launcher.launch("validate", "-f", tmp.resolve("nope.yml").toString());
        assertEquals(2, missing.exitCode(), all(missing));
        assertNoStackTrace(missing);
    }

    @Test
    void dockerfileProjectIsAnApplication(QuarkusMainLauncher launcher) throws IOException {
        Path app = Files.createDirectories(tmp.resolve("shop"));
        Files.writeString(app.resolve("Dockerfile"), "FROM scratch\n");
        LaunchResult r = launcher.launch("validate", "-f", app.toString(), "--domain", "example.test");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("Dockerfile project is valid: service shop, 1 function(s)"), all(r));
        assertTrue(r.getOutput().contains("shop.shop-local.example.test"), all(r));
    }

    @Test
    void usageErrorsExitOneWithoutStackTrace(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult bogus = launcher.launch("validate", "--bogus");
        assertEquals(1, bogus.exitCode(), all(bogus));
        assertNoStackTrace(bogus);
        Path dir = TestProjects.create(tmp);
        Files.writeString(dir.resolve("serverless.yml"), TestProjects.GITLAB_EXAMPLE);
        LaunchResult badNs = launcher.launch("validate", "-f", dir.toString(), "--namespace", "Bad_NS");
        assertEquals(1, badNs.exitCode(), all(badNs));
        assertTrue(badNs.getErrorOutput().contains("namespace `Bad_NS`"), all(badNs));
        assertNoStackTrace(badNs);
    }

    /** `validate FLAG <serverless.yml>` of a test project with this serverless.yml, then the other arguments. */
    private LaunchResult validate(QuarkusMainLauncher launcher, String serverlessYml, String fileFlag, String... more)
            throws IOException {
        Path file = TestProjects.create(tmp).resolve("serverless.yml");
        Files.writeString(file, serverlessYml);
        List<String> args = new ArrayList<>(List.of("validate", fileFlag, file.toString()));
        args.addAll(List.of(more));
        return launcher.launch(args.toArray(String[]::new));
    }
}
