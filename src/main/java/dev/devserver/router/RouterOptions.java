package dev.devserver.router;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the router listens and how long it waits.
 *
 * @param bindHost          interface to bind; loopback by default so a dev machine exposes nothing
 * @param port              0 picks an ephemeral port
 * @param activationTimeout longest wait for a container to take the request (cold start, concurrency limit)
 * @param revisionTimeout   Knative's {@code revision-timeout-seconds}: longest wait for the container to answer
 * @param debugging         `up --debug`: a connection may wait at a breakpoint far longer than the revision timeout
 */
public record RouterOptions(String bindHost, int port, Duration activationTimeout, Duration revisionTimeout,
                            boolean debugging) {
    /** How long a connection may be silent while a debugged function is paused: a working session, not forever. */
    private static final Duration DEBUG_IDLE = Duration.ofHours(8);

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_ACTIVATION_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REVISION_TIMEOUT = Duration.ofSeconds(300);

    public RouterOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(activationTimeout, "activationTimeout");
        Objects.requireNonNull(revisionTimeout, "revisionTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (activationTimeout.isNegative() || activationTimeout.isZero()
                || revisionTimeout.isNegative() || revisionTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public RouterOptions(String bindHost, int port, Duration activationTimeout, Duration revisionTimeout) {
        this(bindHost, port, activationTimeout, revisionTimeout, false);
    }

    /** Longer than the revision timeout so a slow but legal answer is never cut by idleness. */
    public Duration idleTimeout() {
        return debugging ? DEBUG_IDLE : revisionTimeout.plusSeconds(10);
    }

    public static RouterOptions defaults() {
        return new RouterOptions(DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_ACTIVATION_TIMEOUT, DEFAULT_REVISION_TIMEOUT);
    }

    public RouterOptions withPort(int newPort) {
        return new RouterOptions(bindHost, newPort, activationTimeout, revisionTimeout, debugging);
    }

    public RouterOptions withTimeouts(Duration activation, Duration revision) {
        return new RouterOptions(bindHost, port, activation, revision);
    }
}
