package dev.devserver.it;

import com.github.dockerjava.api.model.Container;
import dev.devserver.docker.Labels;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What goes wrong on a laptop: a container dies under load, devserver is SIGKILLed, the state folder cannot be
 * written, the port is taken, the Docker engine restarts. The engine restart disturbs every container on the
 * machine, so it runs last and only when DEVSERVER_DISRUPTIVE_TESTS=1 (bin/test sets it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    static final String HOST = "functions-echo-js.gitlab-example-local.localhost";

    private static List<Container> containers(Path project) {
        return Engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, project.toString())).exec();
    }

    private static Session session(Path project) {
        return Sessions.start(project, SessionOptions.defaults().withPort(0).withOfflineBases(true).withWatch(false));
    }

    @Test
    @Order(1)
    void aKilledContainerIsReplacedAndTrafficRecoversWithinSeconds(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("gitlab-example", temp).toRealPath();
        try (Session session = session(project); SteadyTraffic traffic = SteadyTraffic.start(session.port(), HOST, 8)) {
            traffic.awaitSuccesses(50);
            String id = containers(project).get(0).getId();
            long killedAt = System.nanoTime();
            Engine.docker().killContainerCmd(id).exec();
            SteadyTraffic.Outage outage = traffic.recoveryAfter(killedAt, 30);
            System.out.printf("FAULT container kill: recovered in %d ms; %d of %d requests failed meanwhile%n",
                    outage.recoveryMillis(), outage.failed(), outage.sent());
            assertTrue(outage.recoveryMillis() < 10_000, "recovered only after " + outage.recoveryMillis() + " ms");
            assertFalse(containers(project).stream().anyMatch(c -> c.getId().equals(id)), "the dead container is removed");
        }
        assertEquals(List.of(), containers(project));
    }

    @Test
    @Order(2)
    void aSigkilledRunLeavesContainersThatTheNextUpRemoves(@TempDir Path temp) throws Exception {
        Engine.docker();
        Path project = TestProjects.copy("gitlab-example", temp).toRealPath();
        int port = DevserverProcess.freePort();
        DevserverProcess first = DevserverProcess.start(project, temp.resolve("up1.log"), "up", "--port",
                String.valueOf(port), "--no-watch").awaitUp();
        first.kill();
        List<Container> left = containers(project);
        assertFalse(left.isEmpty(), "the killed run left its container");
        try (DevserverProcess second = DevserverProcess.start(project, temp.resolve("up2.log"), "up", "--port",
                String.valueOf(port), "--no-watch").awaitUp()) {
            assertTrue(second.output().contains("Removed " + left.size() + " container(s) left by an earlier run."),
                    second.output());
            assertTrue(containers(project).stream().noneMatch(c -> left.stream().anyMatch(l -> l.getId().equals(c.getId()))));
            assertEquals(200, Http.get(port, HOST, "/").statusCode());
        }
        assertEquals(List.of(), containers(project), "SIGTERM (Ctrl-C) removes the containers");
    }

    @Test
    @Order(3)
    void aStateFolderThatCannotBeWrittenIsReportedAndRequestsKeepFlowing(@TempDir Path temp) throws Exception {
        Engine.docker();
        // Root ignores file modes, so the two failures a root test can cause for real: a file where the logs folder
        // should be, and a full disk (the request log is /dev/full, every write fails with ENOSPC).
        Path blocked = TestProjects.copy("gitlab-example", temp.resolve("blocked")).toRealPath();
        Files.createDirectories(blocked.resolve(".devserver"));
        Files.writeString(blocked.resolve(".devserver/logs"), "not a folder");
        Path full = TestProjects.copy("gitlab-example", temp.resolve("full")).toRealPath();
        Files.createDirectories(full.resolve(".devserver/logs"));
        Files.createSymbolicLink(full.resolve(".devserver/logs/requests.jsonl"), Path.of("/dev/full"));
        for (Path project : List.of(blocked, full)) {
            int port = DevserverProcess.freePort();
            try (DevserverProcess up = DevserverProcess.start(project, temp.resolve(project.getParent().getFileName() + ".log"),
                    "up", "--port", String.valueOf(port), "--no-watch").awaitUp()) {
                for (int i = 0; i < 20; i++) {
                    assertEquals(200, Http.get(port, HOST, "/").statusCode());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!up.output().contains("cannot write request log") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                String output = up.output();
                System.out.println("FAULT unwritable state (" + project.getParent().getFileName() + "):\n" + output.lines()
                        .filter(l -> l.toLowerCase(Locale.ROOT).contains("cannot write")).reduce("", (a, b) -> a + "  " + b + "\n"));
                assertTrue(output.contains("devserver: cannot write request log " + project.resolve(".devserver/logs/requests.jsonl")),
                        output);
                assertTrue(output.contains("requests are still served"), output);
                assertEquals(1, output.split("cannot write request log", -1).length - 1, "reported once:\n" + output);
                if (project == blocked) {
                    assertTrue(output.contains("Cannot write devserver's state folder"), output);
                }
                assertFalse(output.contains("Exception"), output);
            }
        }
    }

    @Test
    @Order(4)
    void aPortInUseIsNamedWithASuggestion(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("gitlab-example", temp).toRealPath();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            DevserverProcess up = DevserverProcess.run(project, temp.resolve("up.log"), "up", "--port", String.valueOf(port));
            String output = up.output();
            assertEquals(1, up.exitCode(), output);
            assertTrue(output.contains("127.0.0.1:" + port) && output.contains("--port"), output);
            assertFalse(output.contains("Exception") || output.contains("\tat "), output);
        }
    }

    /** Last: it restarts the machine's Docker engine. Only in CI (bin/test), never beside other runs on a shared machine. */
    @Test
    @Order(100)
    void theDockerEngineRestartingIsSurvived(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv("DEVSERVER_DISRUPTIVE_TESTS")),
                "restarts dockerd: set DEVSERVER_DISRUPTIVE_TESTS=1 (bin/test does)");
        Path project = TestProjects.copy("gitlab-example", temp).toRealPath();
        try (Session session = session(project); SteadyTraffic traffic = SteadyTraffic.start(session.port(), HOST, 2)) {
            traffic.awaitSuccesses(20);
            long stoppedAt = System.nanoTime();
            DockerEngine.stop();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
            long startedAt = System.nanoTime();
            DockerEngine.start();
            long answersMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
            // Counted from the moment dockerd was told to stop: requests failing while it was down count too.
            SteadyTraffic.Outage outage = traffic.recoveryAfter(stoppedAt, 120);
            System.out.printf("FAULT engine restart: dockerd stopped in %d ms and answered %d ms after its start; "
                            + "devserver served again %d ms after the restart began; %d of %d requests failed meanwhile%n",
                    stopMillis, answersMillis, outage.recoveryMillis(), outage.failed(), outage.sent());
            assertTrue(outage.recoveryMillis() < 60_000 + stopMillis + answersMillis, "not serving 60 s after the engine came back");
        } finally {
            DockerEngine.start(); // never leave the machine without an engine
        }
        assertEquals(List.of(), containers(project));
    }
}
