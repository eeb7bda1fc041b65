package dev.devserver.it;

import dev.devserver.docker.Labels;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An `up` whose function takes a minute to become ready, driven as a user does from a second terminal: while it still
 * builds and starts, `devserver get` and the real kubectl already reach it and show the service not ready yet (as
 * Knative does for a new service), and Ctrl-C then stops it with nothing left behind.
 */
class StartingUpIT {
    @TempDir
    Path temp;

    @Test
    void kubectlReachesAnUpStillStartingAndCtrlCThenLeavesNothing() throws Exception {
        Engine.docker();
        Path project = TestProjects.copy("slow-start", temp).toRealPath();
        Path record = project.resolve(".devserver/up.json");
        try (DevserverProcess up = DevserverProcess.start(project, temp.resolve("up.log"), "up", "--port",
                String.valueOf(DevserverProcess.freePort()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(record)) {
                assertTrue(up.alive() && System.nanoTime() < deadline, "no " + record + ":\n" + up.output());
                Thread.sleep(200);
            }
            assertStillStarting(up);

            DevserverProcess get = DevserverProcess.run(project, temp.resolve("get.log"), "get", "ksvc");
            assertEquals(0, get.exitCode(), get.output());
            assertTrue(get.output().lines().anyMatch(l -> l.matches("slow-waits +http://\\S+ .*Unknown +(RevisionMissing|Deploying)")),
                    get.output());
            KubectlShell kubectl = KubectlShell.forRunningUp(project, temp, "slow-start-local");
            assertEquals("Unknown", kubectl.ok("kubectl get ksvc slow-waits -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'")
                    .trim());
            assertStillStarting(up);

            up.signal("INT");
            assertTrue(up.awaitExit(Duration.ofSeconds(120)), "Ctrl-C did not stop an `up` still starting:\n" + up.output());
            assertTrue(up.output().contains("Stopping:"), up.output());
            String afterStop = up.output().substring(up.output().indexOf("Stopping:"));
            assertFalse(afterStop.contains("Press Ctrl-C") || afterStop.contains("Exception") || afterStop.contains("not ready"),
                    "a stop says only that it stops:\n" + afterStop);
            assertFalse(Files.exists(record), "the record of a stopped `up` is removed");
            assertEquals(List.of(), projectContainers(project), "containers left by the stopped `up`");
        }
    }

    /**
     * The same stop in-process, at two moments: while the function's image builds, the build is cancelled (no image
     * comes of it, no step's container stays); while its container starts, the start ends and so does everything `up`
     * starts once its functions are deployed (the pause for the first edit).
     */
    @Test
    void stoppedWhileItBuildsOrStartsLeavesNothing() throws Exception {
        Path project = TestProjects.copy("slow-start", temp).toRealPath();
        Session whileBuilding = stopWhen(project, () -> !projectContainers(project).isEmpty()); // a build step's
        assertEquals("devserver stopped before the build finished", whileBuilding.builds().get(0).error());
        Eventually.await("the cancelled build's step container removed by the engine", Duration.ofSeconds(5),
                () -> projectContainers(project).isEmpty());

        Session whileStarting = stopWhen(project, () -> !Engine.docker().listContainersCmd()
                .withLabelFilter(Map.of(Labels.PROJECT, project.toString(), Labels.KNATIVE_REVISION, "slow-waits-00001"))
                .exec().isEmpty());
        assertTrue(whileStarting.builds().get(0).ok(), whileStarting.builds().toString());
        assertEquals(List.of(), projectContainers(project), "containers left by the stopped session");
    }

    /** Starts a session and closes it from another thread once {@code moment} holds; the start's session, returned. */
    private static Session stopWhen(Path project, BooleanSupplier moment) throws Exception {
        CompletableFuture<Session> opened = new CompletableFuture<>();
        CompletableFuture<Session> started = CompletableFuture.supplyAsync(() -> Sessions.start(project,
                SessionOptions.defaults().withPort(0).withOfflineBases(true), line -> { }, opened::complete));
        Eventually.await("the moment to stop", Duration.ofSeconds(120), moment);
        opened.join().close();
        return started.get(60, TimeUnit.SECONDS); // the start returns once stopped
    }

    private static List<String> projectContainers(Path project) {
        return Engine.docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT, project.toString()))
                .exec().stream().map(c -> c.getNames()[0] + " " + c.getLabels()).toList();
    }

    /** The premise: the function has not become ready yet (its $init waits a minute). */
    private static void assertStillStarting(DevserverProcess up) {
        assertFalse(up.output().contains("Press Ctrl-C"), "the function was ready already:\n" + up.output());
    }
}
