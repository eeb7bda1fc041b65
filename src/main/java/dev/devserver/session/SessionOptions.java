package dev.devserver.session;

import dev.devserver.image.BuildCa;
import dev.devserver.serving.ServingOptions;
import dev.devserver.tls.TlsOptions;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How `up` runs: where the router listens, its timeouts, which base images builds use, the autoscaler's knobs,
 * whether sources are watched for hot reload, whether HTTPS is served too, and the extra CAs builds trust.
 */
public record SessionOptions(String host, int port, Duration activationTimeout, Duration revisionTimeout,
                             BooleanSupplier offlineBases, ServingOptions serving, boolean watch, TlsOptions tls,
                             long logMaxBytes, BuildCa buildCa) {
    /** Request and container logs rotate at this size (three old files are kept). */
    public static final long DEFAULT_LOG_MAX_BYTES = 20L * 1024 * 1024;

    public SessionOptions {
        tls = tls == null ? TlsOptions.OFF : tls;
        logMaxBytes = logMaxBytes <= 0 ? DEFAULT_LOG_MAX_BYTES : logMaxBytes;
    }

    public SessionOptions(String host, int port, Duration activationTimeout, Duration revisionTimeout,
                          boolean offlineBases, ServingOptions serving, boolean watch, TlsOptions tls) {
        this(host, port, activationTimeout, revisionTimeout, () -> offlineBases, serving, watch, tls, DEFAULT_LOG_MAX_BYTES, null);
    }

    /** Without HTTPS. */
    public SessionOptions(String host, int port, Duration activationTimeout, Duration revisionTimeout,
                          boolean offlineBases, ServingOptions serving, boolean watch) {
        this(host, port, activationTimeout, revisionTimeout, offlineBases, serving, watch, TlsOptions.OFF);
    }

    public static SessionOptions defaults() {
        return new SessionOptions("127.0.0.1", 8080, Duration.ofSeconds(60), Duration.ofSeconds(300), false,
                ServingOptions.defaults(), true);
    }

    public SessionOptions withPort(int newPort) {
        return new SessionOptions(host, newPort, activationTimeout, revisionTimeout, offlineBases, serving, watch, tls, logMaxBytes, buildCa);
    }

    public SessionOptions withOfflineBases(boolean offline) {
        return withOfflineBases(() -> offline);
    }

    /** Asked when the first build needs it, so `up` can decide while the router starts (it may ask Docker Hub). */
    public SessionOptions withOfflineBases(BooleanSupplier decided) {
        return new SessionOptions(host, port, activationTimeout, revisionTimeout, decided, serving, watch, tls, logMaxBytes, buildCa);
    }

    public SessionOptions withServing(ServingOptions newServing) {
        return new SessionOptions(host, port, activationTimeout, revisionTimeout, offlineBases, newServing, watch, tls, logMaxBytes, buildCa);
    }

    public SessionOptions withWatch(boolean newWatch) {
        return new SessionOptions(host, port, activationTimeout, revisionTimeout, offlineBases, serving, newWatch, tls, logMaxBytes, buildCa);
    }

    public SessionOptions withTimeouts(Duration activation, Duration revision) {
        return new SessionOptions(host, port, activation, revision, offlineBases, serving, watch, tls, logMaxBytes, buildCa);
    }

    public SessionOptions withLogMaxBytes(long bytes) {
        return new SessionOptions(host, port, activationTimeout, revisionTimeout, offlineBases, serving, watch, tls, bytes, buildCa);
    }

    /** Extra CAs for runtime builds and functions (--build-ca-file); null for none. */
    public SessionOptions withBuildCa(BuildCa ca) {
        return new SessionOptions(host, port, activationTimeout, revisionTimeout, offlineBases, serving, watch, tls, logMaxBytes, ca);
    }

    public SessionOptions withTls(TlsOptions newTls) {
        return new SessionOptions(host, port, activationTimeout, revisionTimeout, offlineBases, serving, watch, newTls, logMaxBytes, buildCa);
    }
}
