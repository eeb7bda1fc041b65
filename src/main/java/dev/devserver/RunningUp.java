package dev.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
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
    private static final String FILE = "up.json";
    private static final Set<String> FIELDS = Set.of("pid", "host", "port", "httpsPort", "namespace", "apiPort", "apiCa");

    /** The host a client connects to: a wildcard bind is reached on loopback. */
    public String connectHost() {
        return host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public void write(Path projectDir) {
        Path file = new StateDir(projectDir).folder(".").resolve(FILE);
        try {
            Path temp = Files.createTempFile(file.getParent(), ".up-", ".part");
            Files.write(temp, new ObjectMapper().writeValueAsBytes(this)); // once per `up`; reading needs no mapper
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

    /**
     * The record as {@code new ObjectMapper().readValue(bytes, RunningUp.class)} reads it (an unknown field, a field of the wrong
     * type or anything but an object: no record; a missing one: 0 or null), through {@link JsonTree}: the verbs that
     * read it end before ObjectMapper's static set-up would pay off.
     */
    private static Optional<RunningUp> read(Path file) {
        try {
            JsonNode tree = JsonTree.read(Files.readAllBytes(file));
            if (!tree.isObject() || !FIELDS.containsAll(iterable(tree.fieldNames()))) {
                return Optional.empty();
            }
            return Optional.of(new RunningUp(number(tree, "pid"), text(tree, "host"), port(tree, "port"),
                    port(tree, "httpsPort"), text(tree, "namespace"), port(tree, "apiPort"), text(tree, "apiCa")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half-written: as if no `up` recorded itself
        }
    }

    private static Set<String> iterable(Iterator<String> names) {
        Set<String> set = new HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private static long number(JsonNode tree, String field) {
        JsonNode value = tree.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (value.isNumber() && value.canConvertToLong()) {
            return value.asLong(); // 8080.0 too, as databind takes a float for an integer
        }
        if (value.isTextual()) {
            return Long.parseLong(value.asText()); // databind's coercion of "8080"; anything else throws
        }
        throw new IllegalArgumentException(field + " is not a number");
    }

    private static int port(JsonNode tree, String field) {
        return Math.toIntExact(number(tree, field)); // databind refuses a number beyond an int's range too
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText(); // databind writes a number or boolean given for a String as its text too
        }
        throw new IllegalArgumentException(field + " is not a string");
    }
}
