package dev.devserver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.devserver.Background;
import dev.devserver.DevserverException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place a Docker client is made. Honours DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH); without it,
 * the first socket that answers of Docker's and Podman's (rootless, then rootful): Podman speaks Docker's API.
 */
public final class Docker {
    private Docker() {
    }

    /** A client and the address of the engine that answered. */
    public record Connection(DockerClient client, String host) {
    }

    /** A client whose engine has answered a ping; otherwise a DevserverException that says how to fix it. */
    public static DockerClient connect() {
        return connectWithHost().client();
    }

    /**
     * Starts connecting on a daemon thread, for a verb that needs the engine but boots Quarkus first: making the
     * client (its HTTP and JSON classes) and the first ping take about half a second, which then overlaps the boot.
     * The next {@link #connectWithHost()} takes this connection, or its error.
     */
    public static void connectAhead() {
        AHEAD.set(Background.start("docker-connect", Docker::connectNow));
    }

    private static final AtomicReference<CompletableFuture<Connection>> AHEAD = new AtomicReference<>();

    public static Connection connectWithHost() {
        CompletableFuture<Connection> early = AHEAD.getAndSet(null); // one caller takes it
        return early == null ? connectNow() : Background.await(early);
    }

    private static Connection connectNow() {
        List<String> hosts = candidates(System.getenv());
        for (String host : hosts) {
            if (host.startsWith("unix://") && hosts.size() > 1 && !Files.exists(Path.of(host.substring("unix://".length())))) {
                continue;
            }
            DockerClient client = client(host);
            try {
                client.pingCmd().exec();
                return new Connection(client, host);
            } catch (RuntimeException e) {
                // try the next socket
            }
        }
        throw new DevserverException("No Docker engine answers at " + String.join(", ", hosts)
                + ". Start Docker (on Debian as root: apt-get install -y docker.io && dockerd &) or Podman"
                + " (podman system service --time=0 &), or point DOCKER_HOST at a running engine.");
    }

    /** DOCKER_HOST when set, else Docker's socket, rootless Podman's ($XDG_RUNTIME_DIR) and rootful Podman's. */
    static List<String> candidates(Map<String, String> env) {
        String configured = env.get("DOCKER_HOST");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured);
        }
        List<String> hosts = new ArrayList<>(List.of("unix:///var/run/docker.sock"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            hosts.add("unix://" + Path.of(runtimeDir, "podman", "podman.sock"));
        }
        hosts.add("unix:///run/podman/podman.sock");
        return hosts;
    }

    private static DockerClient client(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(DockerTls.of(config))
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(3))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
