package dev.devserver.project.scaffold;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.devserver.CommandOutput.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver init` through Quarkus and picocli: output, exit codes, and never a stack trace. */
@QuarkusMainTest
class InitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void scaffoldsAndPrintsTheUrl(QuarkusMainLauncher launcher) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("shop"));
        LaunchResult r = launcher.launch("init", "--runtime", "openfaas/classic/php7", "cart", "-f", project.toString());
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("cart/src/Handler.php"), all(r));
        assertTrue(r.getOutput().contains("Created serverless.yml (service shop)"), all(r));
        assertTrue(r.getOutput().contains("http://shop-cart.shop-local.localhost:8080"), all(r));
        assertTrue(Files.readString(project.resolve("serverless.yml")).contains("runtime: openfaas/classic/php7"));
    }

    @Test
    void refusalsExitOneWithoutStackTrace(QuarkusMainLauncher launcher) {
        for (String[] args : new String[][]{
                {"init", "--runtime", "openfaas/classic/pyton3", "f", "-f", tmp.toString()},
                {"init", "--runtime", "gitlab/runtimes/go", "Not_A_Label", "-f", tmp.toString()},
                {"init", "f", "-f", tmp.toString()}}) {
            LaunchResult r = launcher.launch(args);
            assertEquals(1, r.exitCode(), all(r));
            assertFalse(all(r).contains("Exception") || all(r).contains("\tat "), all(r));
        }
        assertTrue(launcher.launch("init", "--runtime", "openfaas/classic/pyton3", "f", "-f", tmp.toString())
                .getErrorOutput().contains("did you mean `openfaas/classic/python3`?"));
        assertFalse(Files.exists(tmp.resolve("serverless.yml")));
    }
}
