package dev.devserver.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Stops and starts the machine's dockerd as an admin would without systemd: SIGTERM, then bin/ensure-docker. */
final class DockerEngine {
    private DockerEngine() {
    }

    /** SIGTERM to dockerd, then waits until it has exited (it stops its containers first). */
    static void stop() throws Exception {
        Process pidof = new ProcessBuilder("pidof", "dockerd").start();
        String pids = new String(pidof.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (pidof.waitFor() != 0 || pids.isEmpty()) {
            throw new IllegalStateException("no dockerd process to restart (is the engine remote? DOCKER_HOST)");
        }
        for (String pid : pids.split("\\s+")) {
            new ProcessBuilder("kill", "-TERM", pid).inheritIO().start().waitFor();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (String pid : pids.split("\\s+")) {
            while (Files.exists(Path.of("/proc/" + pid)) && !zombie(pid)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("dockerd " + pid + " did not stop within 90 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean zombie(String pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z ");
        } catch (Exception gone) {
            return true;
        }
    }

    /** Starts dockerd exactly as bin/ensure-docker does (in its own session, so it outlives this JVM). */
    static void start() throws Exception {
        Process process = new ProcessBuilder("setsid", Engine.CHECKOUT.resolve("bin/ensure-docker").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("bin/ensure-docker could not start dockerd; see /var/log/dockerd.log");
        }
    }
}
