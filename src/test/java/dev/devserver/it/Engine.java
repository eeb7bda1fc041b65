package dev.devserver.it;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.DevserverException;
import dev.devserver.image.RuntimeCatalog;
import dev.devserver.image.RuntimeSources;
import dev.devserver.docker.Docker;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The real Docker engine for integration tests. When none answers (a fresh CI machine), runs the same setup as
 * README's commands: bin/ensure-docker, then bin/debian-bases for the offline base images.
 */
public final class Engine {
    public static final Path CHECKOUT = Paths.get("").toAbsolutePath();
    private static DockerClient docker;

    private Engine() {
    }

    public static synchronized DockerClient docker() {
        if (docker == null) {
            try {
                docker = Docker.connect();
            } catch (DevserverException e) {
                run("bin/ensure-docker");
                docker = Docker.connect();
            }
            run("bin/debian-bases", "bookworm");
        }
        return docker;
    }

    public static RuntimeSources runtimes() {
        return new RuntimeSources(new RuntimeCatalog(CHECKOUT.resolve("runtimes")));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(CHECKOUT.toFile()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
