package dev.devserver.observe.logs;

import dev.devserver.StateDir;

import java.nio.file.Path;

/**
 * Where the logs live, for the writers and the readers alike: {@code .devserver/logs/requests.jsonl} (request lines)
 * and {@code .devserver/logs/<function>.log} (container output), each with its rotated generations.
 */
public final class LogFolder {
    public static final String REQUESTS = "requests.jsonl";
    static final String CONTAINER_SUFFIX = ".log";

    private LogFolder() {
    }

    /** The project's logs folder, without creating it (readers: `devserver logs` works on what a past `up` left). */
    public static Path of(Path projectDir) {
        return new StateDir(projectDir).root().resolve("logs");
    }

    /** The project's logs folder, created with the state folder; throws DevserverException when it cannot be. */
    public static Path create(Path projectDir) {
        return new StateDir(projectDir).folder("logs");
    }

    public static Path requests(Path folder) {
        return folder.resolve(REQUESTS);
    }

    public static Path container(Path folder, String function) {
        return folder.resolve(function + CONTAINER_SUFFIX);
    }
}
