package dev.devserver.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What /version and /info say about the engine, as Docker 20.10 and Podman 4.3 (rootful, rootless) answer them. */
class EngineKindTest {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static Version version(String json) throws Exception {
        return JSON.readValue(json, Version.class);
    }

    static Version podman() throws Exception {
        return version("{\"Version\":\"4.3.1\",\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"4.3.1\"}]}");
    }

    @Test
    void rootlessPodmanKeepsItsStorageInTheUsersHomeAndRunsWithoutInit() throws Exception {
        EngineKind kind = EngineKind.of(podman(), new Info().withDockerRootDir("/home/dev/.local/share/containers/storage")
                .withSecurityOptions(List.of("name=seccomp,profile=default")));
        assertTrue(kind.podman() && kind.rootless());
        assertFalse(kind.canInit());
        assertFalse(kind.bridgeIsHosts(), "its container addresses are inside its own network namespace");
    }

    @Test
    void rootfulPodmanAndDockerKeepInit() throws Exception {
        EngineKind rootful = EngineKind.of(podman(), new Info().withDockerRootDir("/var/lib/containers/storage"));
        assertFalse(rootful.rootless());
        assertTrue(rootful.canInit() && rootful.bridgeIsHosts());
        EngineKind docker = EngineKind.of(version("{\"Version\":\"20.10.24\"}"), new Info().withDockerRootDir("/var/lib/docker")
                .withSecurityOptions(List.of("name=seccomp,profile=default", "name=cgroupns")));
        assertEquals("Docker engine", docker.name());
        assertTrue(docker.canInit() && !docker.rootless());
    }
}
