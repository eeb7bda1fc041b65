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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        Map<String, String> env = System.getenv();
        AHEAD.set(Background.start("docker-connect", () -> connectNow(env)));
    }

    private static final AtomicReference<CompletableFuture<Connection>> AHEAD = new AtomicReference<>();

    /** An engine that took the connection but sends no answer (stuck, or still starting) is reported, not waited on. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    public static Connection connectWithHost() {
        CompletableFuture<Connection> early = AHEAD.getAndSet(null); // one caller takes it
        Map<String, String> env = System.getenv();
        return answered(early != null ? early : Background.start("docker-connect", () -> connectNow(env)), ANSWER_TIMEOUT, env);
    }

    /** The connection, or a DevserverException: the engine's own error, or that it took too long to answer. */
    static Connection answered(CompletableFuture<Connection> connecting, Duration timeout, Map<String, String> env) {
        try {
            return Background.await(connecting.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (CompletionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new DevserverException("The container engine at " + String.join(", ", candidates(env))
                        + " took the connection but has not answered in " + timeout.toSeconds() + " s: it is stuck or"
                        + " still starting. See its log (/var/log/dockerd.log when bin/ensure-docker started it),"
                        + " restart it, and try again.");
            }
            throw e;
        }
    }

    static Connection connectNow(Map<String, String> env) {
        List<String> hosts = candidates(env);
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
