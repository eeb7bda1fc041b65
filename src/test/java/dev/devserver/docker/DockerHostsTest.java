package dev.devserver.docker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which engine addresses devserver tries, in order. */
class DockerHostsTest {
    @Test
    void dockerHostWinsAlone() {
        assertEquals(List.of("tcp://engine:2375"),
                Docker.candidates(Map.of("DOCKER_HOST", "tcp://engine:2375", "XDG_RUNTIME_DIR", "/run/user/1000")));
    }

    @Test
    void withoutItDockerThenRootlessThenRootfulPodman() {
        assertEquals(List.of("unix:///var/run/docker.sock", "unix:///run/user/1000/podman/podman.sock",
                "unix:///run/podman/podman.sock"), Docker.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")));
        assertEquals(List.of("unix:///var/run/docker.sock", "unix:///run/podman/podman.sock"),
                Docker.candidates(Map.of("DOCKER_HOST", " ")));
    }
}
