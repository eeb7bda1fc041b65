package dev.devserver.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine bin/ensure-docker or bin/ensure-podman starts outlives the command that asked for it, so it must hold
 * nothing of that command's but stdio: started under {@code flock -s LOCK bin/test} (as every test run on a shared
 * machine is), an engine that kept flock's descriptor held the lock for as long as it ran. Each test starts an engine
 * of its own (a private dockerd, a second Podman service on its own socket) under a held lock, with one more
 * descriptor open, and stops it again.
 */
class EngineStartIT {
    @TempDir
    Path temp;

    @Test
    void thePodmanServiceKeepsNoDescriptorOfTheCommandThatStartedIt() throws Exception {
        Path sock = temp.resolve("podman.sock");
        Map<String, String> env = Map.of("DEVSERVER_PODMAN_SOCK", sock.toString(),
                "DEVSERVER_PODMAN_LOG", temp.resolve("podman.log").toString());
        try {
            startUnderALock("bin/ensure-podman", env);
            long pid = service(sock.toString()).orElseThrow(() -> new AssertionError("no podman service of " + sock));
            assertHoldsNothingOfTheCaller(pid);
        } finally {
            service(sock.toString()).ifPresent(pid -> stop(pid));
        }
    }

    @Test
    void dockerdKeepsNoDescriptorOfTheCommandThatStartedIt() throws Exception {
        try (PrivateEngine engine = new PrivateEngine(Files.createDirectories(temp.resolve("engine")))) {
            assertEquals(-1, engine.pid(), "the private engine must not run before the test");
            startUnderALock("bin/ensure-docker", engine.environment());
            assertTrue(engine.pid() > 0, "bin/ensure-docker did not start the private dockerd");
            assertHoldsNothingOfTheCaller(engine.pid());
        }
    }

    /** Runs {@code script} as {@code flock -s LOCK script} with descriptor 7 open on another file, and waits for it. */
    private void startUnderALock(String script, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec 7>\"$0\"; exec flock -s \"$1\" \"$2\"",
                extra().toString(), lock().toString(), Engine.CHECKOUT.resolve(script).toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("start.log").toFile());
        builder.environment().putAll(new HashMap<>(env));
        Process process = builder.start();
        assertTrue(process.waitFor(600, TimeUnit.SECONDS), script + " did not return");
        assertEquals(0, process.exitValue(), script + " failed: " + Files.readString(temp.resolve("start.log")));
    }

    private void assertHoldsNothingOfTheCaller(long pid) throws Exception {
        List<String> held = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    held.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // the engine closed it while we listed
                }
            }
        }
        assertTrue(held.stream().noneMatch(line -> line.endsWith(" -> " + lock()) || line.endsWith(" -> " + extra())),
                "the engine holds the caller's descriptors: " + held);
        assertEquals(Path.of("/"), Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")),
                "the engine keeps its caller's folder, which may be deleted while it runs");
        Process free = new ProcessBuilder("flock", "-x", "-n", lock().toString(), "true").start();
        assertTrue(free.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, free.exitValue(), "the lock its caller held is still held after the caller ended: " + held);
    }

    private Path lock() {
        return temp.resolve("bench.lock");
    }

    private Path extra() {
        return temp.resolve("extra");
    }

    /** The {@code podman system service} serving {@code sock}. */
    private static Optional<Long> service(String sock) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                        .map(line -> line.contains("system service") && line.contains(sock)).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    private static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
    }
}
