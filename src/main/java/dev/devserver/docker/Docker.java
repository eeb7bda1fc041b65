package dev.devserver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.devserver.DevserverException;

import java.time.Duration;

/** The one place a Docker client is made. Honours DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
public final class Docker {
    private Docker() {
    }

    /** A client whose engine has answered a ping; otherwise a DevserverException that says how to fix it. */
    public static DockerClient connect() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(3))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new DevserverException("No Docker engine answers at " + config.getDockerHost()
                    + ". Start Docker (on Debian as root: apt-get install -y docker.io && dockerd &),"
                    + " or point DOCKER_HOST at a running engine.");
        }
        return client;
    }
}
