package dev.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a project's running {@code up} serves, in {@code .devserver/up.json}: written once it listens, removed when it
 * stops, so `get`, `logs -f` and `kubeconfig` find it without --port. A record whose process is gone (killed, crashed)
 * is stale: ignored with a message saying so.
 *
 * @param httpsPort -1 when `up` serves HTTP only
 * @param apiPort   the HTTPS port of the Kubernetes API
 * @param apiCa     the CA file the API's certificate chains to
 */
public record RunningUp(long pid, String host, int port, int httpsPort, String namespace, int apiPort, String apiCa) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "up.json";

    /** The host a client connects to: a wildcard bind is reached on loopback. */
    public String connectHost() {
        return host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public void write(Path projectDir) {
        Path file = new StateDir(projectDir).folder(".").resolve(FILE);
        try {
            Path temp = Files.createTempFile(file.getParent(), ".up-", ".part");
            Files.write(temp, JSON.writeValueAsBytes(this));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DevserverException("Cannot write " + file + ": " + e.getMessage()
                    + ". `devserver get` and `devserver kubeconfig` will not find this `up`.");
        }
    }

    /** Removes the record if it is this process's (a second `up` of the same project may have replaced it). */
    public static void remove(Path projectDir, long pid) {
        Path file = new StateDir(projectDir).root().resolve(FILE);
        read(file).filter(up -> up.pid() == pid).ifPresent(up -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stale record is recognised by its dead pid anyway
            }
        });
    }

    /** The project's running `up`; empty when none runs (a stale record is reported to {@code notice}). */
    public static Optional<RunningUp> find(Path projectDir, Consumer<String> notice) {
        Path file = new StateDir(projectDir).root().resolve(FILE);
        Optional<RunningUp> up = read(file);
        if (up.isPresent() && ProcessHandle.of(up.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return up;
        }
        up.ifPresent(stale -> notice.accept("Ignoring " + file + ": the `devserver up` it records (pid " + stale.pid()
                + ", port " + stale.port() + ") is no longer running."));
        return Optional.empty();
    }

    private static Optional<RunningUp> read(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), RunningUp.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half-written: as if no `up` recorded itself
        }
    }
}
