package dev.devserver.it;

import dev.devserver.image.BaseMode;
import dev.devserver.image.RuntimeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** devserver itself decides between official and offline base images, asking the real engine and pulling nothing. */
class BaseModeIT {
    private static final RuntimeCatalog CATALOG = new RuntimeCatalog(Engine.CHECKOUT.resolve("runtimes"));

    @Test
    void theDecisionFollowsWhatTheEngineCanReach() {
        BaseMode mode = BaseMode.decide(Engine.docker(), CATALOG, Map.of());
        if (mode.offline()) {
            assertTrue(mode.reason().startsWith("the engine cannot reach Docker Hub ("), mode.reason());
            assertTrue(mode.reason().contains("debian:bookworm-slim"), mode.reason());
        } else {
            assertTrue(mode.reason().equals("the engine reaches Docker Hub") || mode.reason().endsWith("is already in the engine"),
                    mode.reason());
        }
        assertFalse(Engine.docker().listImagesCmd().withImageNameFilter("node:22-bookworm-slim").exec().isEmpty() && mode.offline(),
                "an official base already here means online");
    }

    @Test
    void theEnvironmentOverridesIt() {
        assertEquals(new BaseMode(false, "DEVSERVER_OFFLINE_BASES=0"),
                BaseMode.decide(Engine.docker(), CATALOG, Map.of("DEVSERVER_OFFLINE_BASES", "0")));
        assertEquals(new BaseMode(true, "DEVSERVER_OFFLINE_BASES=true"),
                BaseMode.decide(Engine.docker(), CATALOG, Map.of("DEVSERVER_OFFLINE_BASES", "true")));
    }

    /** No wrapper script, no DEVSERVER_OFFLINE_BASES: the jar says which bases it uses and why, then builds. */
    @Test
    void theJarRunDirectlyDecidesAndSaysWhy(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("runtime-errors", temp);
        BaseMode expected = BaseMode.decide(Engine.docker(), CATALOG, Map.of());
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", DevserverProcess.JAR.toString(), "build"))
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().remove("DEVSERVER_OFFLINE_BASES");
        builder.environment().remove("DEVSERVER_RUNTIMES"); // found beside the jar, as for a user
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS));
        assertTrue(output.contains(expected.line()), output);
        if (expected.offline()) { // the official images cannot be had here: only the offline path can build
            assertEquals(0, process.exitValue(), output);
        }
    }
}
