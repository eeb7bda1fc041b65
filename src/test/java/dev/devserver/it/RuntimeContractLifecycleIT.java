package dev.devserver.it;

import dev.devserver.docker.Labels;
import dev.devserver.it.DockerEvents.Seen;
import dev.devserver.serving.ServingOptions;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Map;

/**
 * The runtime contract's lifecycle row, checked in `docker events`: every stop (scale to zero, rollout, a frozen
 * container, `up` ending) is drain, SIGTERM, the grace period (the revision timeout), and SIGKILL only after it.
 */
class RuntimeContractLifecycleIT {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private static SessionOptions options(Duration freezeAfter, boolean watch) {
        return SessionOptions.defaults().withPort(0).withOfflineBases(true).withWatch(watch)
                .withTimeouts(Duration.ofSeconds(60), GRACE)
                .withServing(ServingOptions.defaults().withWindows(Duration.ofSeconds(2), Duration.ofSeconds(1), freezeAfter)
                        .withTick(Duration.ofMillis(200)));
    }

    private static HttpResponse<String> get(Session session, String function, String path) {
        return Http.get(session.port(), RuntimeContractIT.host(session, function), path);
    }

    /** Each container that ran got exactly one signal, SIGTERM, and exited by itself with 0. */
    private static void assertEveryStopWasSigtermAndAGracefulExit(List<Seen> events) {
        var stopped = DockerEvents.stoppedContainers(events);
        assertFalse(stopped.isEmpty(), "no container stopped: " + events);
        for (List<Seen> container : stopped) {
            assertEquals(List.of("15"), DockerEvents.signals(container), container.toString());
            assertEquals(List.of("0"), DockerEvents.exitCodes(container), "exited by itself after SIGTERM: " + container);
        }
    }

    @Test
    void scaleToZeroIsSigtermThenAGracefulExitAndSigkillOnlyAfterTheGracePeriod(@TempDir Path dir) throws Exception {
        Instant since = Instant.now();
        Path project = TestProjects.copy("runtime-contract", dir);
        try (Session session = Sessions.start(project, options(Duration.ZERO, false))) {
            assertEquals(200, get(session, "probe", "/user").statusCode());
            assertEquals(200, get(session, "stubborn", "/user").statusCode());
            Eventually.await("probe and stubborn at zero", Duration.ofSeconds(40), () ->
                    RuntimeContractIT.running(session, "probe").isEmpty() && RuntimeContractIT.running(session, "stubborn").isEmpty());
            Eventually.await("the logs to show the shutdown", Duration.ofSeconds(10), () ->
                    RuntimeContractIT.log(session, "probe").contains("graceful shutdown done"));
            assertTrue(RuntimeContractIT.log(session, "stubborn").contains("SIGTERM received, ignored"));
            List<Seen> all = DockerEvents.of(session.project().dir().toString(), since, Instant.now());
            assertEveryStopWasSigtermAndAGracefulExit(DockerEvents.ofFunction(all, "probe"));
            List<Seen> stubborn = DockerEvents.stoppedContainers(DockerEvents.ofFunction(all, "stubborn")).iterator().next();
            assertEquals(List.of("15", "9"), DockerEvents.signals(stubborn), stubborn.toString());
            assertEquals(List.of("137"), DockerEvents.exitCodes(stubborn));
            long term = stubborn.stream().filter(e -> "15".equals(e.attribute("signal"))).findFirst().orElseThrow().nanos();
            long kill = stubborn.stream().filter(e -> "9".equals(e.attribute("signal"))).findFirst().orElseThrow().nanos();
            assertTrue(kill - term >= GRACE.toNanos() - 500_000_000L, "SIGKILL came " + (kill - term) / 1_000_000
                    + " ms after SIGTERM, before the " + GRACE.toSeconds() + " s grace period");
        }
    }

    @Test
    void rolloutDrainsTheOldRevisionThenSigtermsIt(@TempDir Path dir) throws Exception {
        Instant since = Instant.now();
        Path project = TestProjects.copy("runtime-contract", dir);
        try (Session session = Sessions.start(project, options(Duration.ZERO, true))) {
            assertEquals(200, get(session, "probe", "/user").statusCode());
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() ->
                    get(session, "probe", "/sleep?ms=4000"));
            CompletableFuture<Instant> answeredAt = inFlight.thenApply(response -> Instant.now());
            Thread.sleep(500);
            Path yml = project.resolve("serverless.yml");
            Files.writeString(yml, Files.readString(yml).replace("SIGTERM_DELAY_MS: 300", "SIGTERM_DELAY_MS: 301"));
            Eventually.await("revision 2 to serve", Duration.ofSeconds(60), () ->
                    get(session, "probe", "/env").body().contains("contract-probe-00002"));
            assertEquals(200, inFlight.get().statusCode(), "the request in flight on the old revision finished");
            Instant answered = answeredAt.get();
            Eventually.await("the old container to go", Duration.ofSeconds(20), () -> RuntimeContractIT.running(session, "probe")
                    .stream().noneMatch(c -> c.getLabels().get(Labels.KNATIVE_REVISION).endsWith("-00001")));
            List<Seen> old = DockerEvents.ofFunction(DockerEvents.of(session.project().dir().toString(), since, Instant.now()),
                    "probe").stream().filter(e -> "contract-probe-00001".equals(e.attribute(Labels.KNATIVE_REVISION))).toList();
            assertEveryStopWasSigtermAndAGracefulExit(old);
            List<Seen> last = List.copyOf(DockerEvents.stoppedContainers(old)).get(DockerEvents.stoppedContainers(old).size() - 1);
            long term = last.stream().filter(e -> e.action().equals("kill")).findFirst().orElseThrow().nanos();
            assertTrue(term >= answered.toEpochMilli() * 1_000_000L - 1_000_000_000L,
                    "SIGTERM came before the request in flight was answered");
        }
    }

    @Test
    void aFrozenContainerIsThawedBeforeSigterm(@TempDir Path dir) throws Exception {
        Instant since = Instant.now();
        Path project = TestProjects.copy("runtime-contract", dir);
        try (Session session = Sessions.start(project, options(Duration.ofMillis(500), false))) {
            assertEquals(200, get(session, "probe", "/user").statusCode());
            Eventually.await("a paused container", Duration.ofSeconds(20), () -> RuntimeContractIT.running(session, "probe")
                    .stream().anyMatch(c -> c.getStatus().contains("Paused")));
            Eventually.await("probe at zero", Duration.ofSeconds(40), () -> RuntimeContractIT.running(session, "probe").isEmpty());
            List<Seen> probe = DockerEvents.ofFunction(DockerEvents.of(session.project().dir().toString(), since, Instant.now()), "probe");
            List<List<Seen>> frozen = DockerEvents.stoppedContainers(probe).stream()
                    .filter(c -> c.stream().anyMatch(e -> e.action().equals("pause"))).toList();
            assertFalse(frozen.isEmpty(), probe.toString());
            for (List<Seen> container : frozen) {
                List<String> actions = container.stream().map(Seen::action)
                        .filter(a -> List.of("pause", "unpause", "kill", "die").contains(a)).toList();
                assertEquals(List.of("pause", "unpause", "kill", "die"), actions, container.toString());
            }
            assertEveryStopWasSigtermAndAGracefulExit(probe);
        }
    }

    @Test
    void ctrlCFinishesRequestsInFlightThenStopsEveryContainerWithSigterm(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copy("runtime-contract", dir);
        Instant since = Instant.now();
        int port = DevserverProcess.freePort();
        try (DevserverProcess up = DevserverProcess.start(project, dir.resolve("up.log"), "up", "--no-watch",
                "--port", String.valueOf(port), "--revision-timeout", GRACE.toSeconds() + "s").awaitUp()) {
            String host = "contract-probe.runtime-contract-local.localhost";
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() ->
                    Http.get(port, host, "/sleep?ms=2500"));
            // Signal once the container has the request (its own log line), not after a guessed pause.
            Eventually.await("the request in the container", Duration.ofSeconds(20),
                    () -> up.output().contains("request GET /sleep"));
            up.signal("INT");
            HttpResponse<String> answer = inFlight.get();
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(up.awaitExit(Duration.ofSeconds(60)), up.output());
            assertTrue(up.output().contains("Stopping: finishing 1 request in flight"), up.output());
            List<Seen> all = DockerEvents.of(project.toRealPath().toString(), since, Instant.now());
            for (String function : List.of("probe", "single", "late")) {
                assertEveryStopWasSigtermAndAGracefulExit(DockerEvents.ofFunction(all, function));
            }
            assertEquals(List.of("15", "9"), DockerEvents.signals(DockerEvents.ofFunction(all, "stubborn")));
            assertTrue(RuntimeContractIT.logFile(project, "probe").contains("graceful shutdown done"),
                    "what a container prints while it stops is kept");
        }
    }

    @Test
    void aSecondCtrlCForcesTheStop(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copy("runtime-contract", dir);
        Instant since = Instant.now();
        try (DevserverProcess up = DevserverProcess.start(project, dir.resolve("up.log"), "up", "--no-watch",
                "--port", String.valueOf(DevserverProcess.freePort()), "--revision-timeout", "120s").awaitUp()) {
            up.signal("INT");
            Eventually.await("`up` to stop", Duration.ofSeconds(20), () -> up.output().contains("Stopping:"));
            Thread.sleep(1500); // `stubborn` ignores SIGTERM: its 120 s grace period is running
            assertTrue(up.alive(), "up waited for the grace period");
            up.signal("INT");
            assertTrue(up.awaitExit(Duration.ofSeconds(30)), "a second Ctrl-C did not end the wait: " + up.output());
            assertTrue(up.output().contains("Forcing"), up.output());
            List<Seen> stubborn = DockerEvents.ofFunction(DockerEvents.of(project.toRealPath().toString(), since, Instant.now()), "stubborn");
            assertEquals(List.of("15", "9"), DockerEvents.signals(stubborn), stubborn.toString());
            assertFalse(Engine.docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT,
                    project.toRealPath().toString())).exec().iterator().hasNext(), "no container left behind");
        }
    }
}
