package dev.devserver.session;

import java.time.Duration;

/** How `up` runs: where the router listens, how long containers may take, which base images builds use. */
public record SessionOptions(String host, int port, Duration readyTimeout, Duration activationTimeout,
                             Duration revisionTimeout, boolean offlineBases) {
    public static SessionOptions defaults() {
        return new SessionOptions("127.0.0.1", 8080, Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(300), false);
    }

    public SessionOptions withPort(int newPort) {
        return new SessionOptions(host, newPort, readyTimeout, activationTimeout, revisionTimeout, offlineBases);
    }

    public SessionOptions withOfflineBases(boolean offline) {
        return new SessionOptions(host, port, readyTimeout, activationTimeout, revisionTimeout, offline);
    }
}
