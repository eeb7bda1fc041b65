package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;

import java.nio.file.Path;

/** Containers of a project that no running devserver owns any more (after a crash or SIGKILL). */
public final class Leftovers {
    private Leftovers() {
    }

    public static int removeAll(DockerClient docker, Path projectDir) {
        return new Containers(docker).removeAll(projectDir.toString());
    }
}
