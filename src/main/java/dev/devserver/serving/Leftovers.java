package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;

import java.nio.file.Path;

/** Containers (and the cluster network) of a project that no running devserver owns any more (after a crash or SIGKILL). */
public final class Leftovers {
    private Leftovers() {
    }

    public static int removeAll(DockerClient docker, Path projectDir) {
        int removed = new Containers(docker).removeAll(projectDir.toString());
        ClusterNetwork.removeAll(docker, projectDir);
        return removed;
    }
}
