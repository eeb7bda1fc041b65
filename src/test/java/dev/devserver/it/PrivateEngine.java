package dev.devserver.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second dockerd of this test's own (own data and exec roots, pidfile, socket and bridge, no iptables rules), so a
 * test can start and stop "the" engine without touching the machine's shared one. {@link #shim()} holds a
 * {@code dockerd} that starts it: put it first on PATH and point DOCKER_HOST at {@link #host()}, and scripts that
 * start dockerd start this one.
 */
final class PrivateEngine implements AutoCloseable {
    private final Path dir;
    private final String bridge;

    PrivateEngine(Path dir) throws Exception {
        this.dir = dir;
        this.bridge = "ds" + Long.toHexString(ProcessHandle.current().pid());
        sh("ip link add " + bridge + " type bridge && ip addr add 172.31.219.1/24 dev " + bridge
                + " && ip link set " + bridge + " up");
        String dockerd = sh("command -v dockerd").trim();
        Path shim = Files.createDirectories(dir.resolve("bin")).resolve("dockerd");
        Files.writeString(shim, "#!/bin/sh\nexec " + dockerd + " --data-root " + dir.resolve("data") + " --exec-root "
                + dir.resolve("x") + " --pidfile " + dir.resolve("docker.pid") + " -H " + host() + " --bridge " + bridge
                + " --iptables=false --ip-masq=false \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    Path shim() {
        return dir.resolve("bin");
    }

    /** Variables that make docker, bin/ensure-docker and devserver use this engine. */
    Map<String, String> environment() {
        return Map.of("DOCKER_HOST", host(), "PATH", shim() + ":" + System.getenv("PATH"),
                "DEVSERVER_DOCKERD_LOG", dir.resolve("dockerd.log").toString());
    }

    /** Starts it directly, copies the Debian bases from the shared engine into it, and stops it again. */
    void seedWithDebianBases() throws Exception {
        Engine.docker();
        sh("setsid " + shim().resolve("dockerd") + " >" + dir.resolve("seed.log") + " 2>&1 </dev/null &"
                + " for i in $(seq 1 120); do DOCKER_HOST=" + host() + " docker info >/dev/null 2>&1 && break; sleep 0.5; done");
        sh("docker save debian:bookworm-slim debian:bullseye-slim | DOCKER_HOST=" + host() + " docker load -q");
        stop();
    }

    /** The running dockerd's pid, or -1. */
    long pid() throws IOException {
        Path file = dir.resolve("docker.pid");
        if (!Files.exists(file)) {
            return -1;
        }
        long pid = Long.parseLong(Files.readString(file).trim());
        return ProcessHandle.of(pid).map(p -> p.isAlive() ? pid : -1L).orElse(-1L);
    }

    boolean answers() throws Exception {
        Process p = new ProcessBuilder("docker", "-H", host(), "info").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    String docker(String args) throws Exception {
        return sh("DOCKER_HOST=" + host() + " docker " + args);
    }

    /** SIGTERM to our dockerd (it stops its containers and its containerd), then waits for it to exit. */
    void stop() throws Exception {
        long pid = pid();
        if (pid > 0) {
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
            handle.destroy();
            handle.onExit().get(90, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            sh("ip link delete " + bridge + " || true; rm -rf " + dir.resolve("data") + " " + dir.resolve("x"));
        }
    }

    static String sh(String script) throws Exception {
        Process p = new ProcessBuilder(List.of("bash", "-c", script)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed: " + out);
        }
        return out;
    }
}
