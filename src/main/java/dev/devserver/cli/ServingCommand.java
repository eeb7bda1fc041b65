package dev.devserver.cli;

import dev.devserver.serving.ServingOptions;
import dev.devserver.session.SessionOptions;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;

/** A verb that serves until Ctrl-C (`up`, `cluster`): where its router listens, HTTPS, and the process it runs in. */
abstract class ServingCommand implements Callable<Integer> {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    @Option(names = "--port", defaultValue = "8080", description = "Router port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the router binds (default: ${DEFAULT-VALUE})")
    String host;

    @Mixin
    TlsFlags tlsFlags;

    @Inject
    Vertx vertx;

    @Inject
    ShutdownTasks shutdown;

    /** The session's options from these flags; the rest (watch, bases, log size, CAs) are the verb's own. */
    SessionOptions sessionOptions(Duration revisionTimeout, boolean offlineBases, ServingOptions serving, boolean watch) {
        if (!LOOPBACK.contains(host)) {
            System.err.println(Ansi.yellow("warning: ") + "the router listens on " + host
                    + ": other machines can reach your functions.");
        }
        return new SessionOptions(host, port, SessionOptions.defaults().activationTimeout(), revisionTimeout, offlineBases,
                serving, watch, tlsFlags.tls());
    }
}
