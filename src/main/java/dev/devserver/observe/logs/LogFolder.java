package dev.devserver.observe.logs;

import dev.devserver.DevserverException;
import dev.devserver.StateDir;

import java.nio.file.Path;
import java.util.function.Consumer;

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

    /**
     * {@link #create}, or when it cannot be made (a file in its place, a read-only or full disk) the folder it would
     * be: `up` still serves; the problem is told to {@code warn} once here, and the log writers report their own
     * failures once.
     */
    public static Path createOrWarn(Path projectDir, Consumer<String> warn) {
        try {
            return create(projectDir);
        } catch (DevserverException e) {
            warn.accept(e.getMessage() + " Until then request and container logs are not saved; functions are still served.");
            return of(projectDir);
        }
    }

    public static Path requests(Path folder) {
        return folder.resolve(REQUESTS);
    }

    public static Path container(Path folder, String function) {
        return folder.resolve(function + CONTAINER_SUFFIX);
    }
}
