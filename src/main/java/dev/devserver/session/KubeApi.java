package dev.devserver.session;

import dev.devserver.Background;
import dev.devserver.api.ApiServer;
import dev.devserver.api.kube.KubeListener;
import dev.devserver.project.Project;
import dev.devserver.tls.TlsMaterial;
import dev.devserver.tls.TlsOptions;
import dev.devserver.tls.TlsSetup;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Kubernetes API's HTTPS: kubectl sends credentials only over TLS, so without HTTPS from the local CA the API gets
 * a loopback HTTPS port of its own. Made on its own thread while `up` checks images and starts containers: loading
 * the CA and setting up a TLS server take seconds of a start on a busy machine, and nothing before the ready table
 * needs them.
 */
final class KubeApi {
    private record Parts(TlsMaterial tls, KubeListener listener) {
    }

    private final CompletableFuture<Parts> parts;

    /** @param routerTls the router's HTTPS certificate, or null when it serves HTTP only */
    KubeApi(Vertx vertx, String host, ApiServer api, TlsMaterial routerTls, Project project, Consumer<String> messages) {
        parts = Background.start("kube-api-start", () -> {
            TlsMaterial tls = routerTls != null && routerTls.fromLocalCa() ? routerTls
                    : TlsSetup.prepare(TlsOptions.localCa(0), project, messages);
            return new Parts(tls, tls == routerTls ? null : KubeListener.start(vertx, host, api, tls.keyCertOptions()));
        });
    }

    /** Runs {@code action} once it listens (on the thread that started it, or now); never if it failed to start. */
    void whenListening(Runnable action) {
        parts.thenRun(action);
    }

    /** Waits until it listens; throws what stopped it (a DevserverException that says why). */
    void await() {
        parts();
    }

    private Parts parts() {
        return Background.await(parts);
    }

    /** Its HTTPS port, or {@code routerHttpsPort} when the router's local-CA HTTPS serves it. */
    int port(int routerHttpsPort) {
        KubeListener listener = parts().listener();
        return listener == null ? routerHttpsPort : listener.port();
    }

    Path ca() {
        return parts().tls().localCa();
    }

    /** Closes the listener, now or once it started. */
    void close() {
        parts.thenAccept(p -> {
            if (p.listener() != null) {
                p.listener().close();
            }
        });
    }
}
