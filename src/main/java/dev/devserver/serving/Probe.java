package dev.devserver.serving;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.net.ConnectException;

/**
 * Knative's default readiness probe: a TCP connection to the container port succeeds (revision_defaults.go's
 * applyProbes; queue-proxy dials the user container). No HTTP request is sent, so user code never sees a probe and a
 * server whose {@code /} is slow or refuses GET is ready as soon as it listens.
 * <p>
 * Docker's userland port proxy accepts a connection on the published port before the process inside listens, and
 * closes it as soon as its own connection to the container is refused. So through a proxy the probe holds the
 * connection open briefly: closed at once means nothing listens yet; still open means the server took it. The
 * container's bridge address, when this host reaches it, has no proxy in between and needs no wait.
 */
final class Probe {
    /** Far longer than the proxy takes to pass on a refused connection (well under a millisecond on loopback). */
    private static final int PROXY_CLOSE_MILLIS = 30;

    private Probe() {
    }

    /** @return true once ready; false when {@code gaveUp} says so (container exited) or the timeout passes */
    static boolean awaitReady(Endpoint endpoint, boolean direct, Duration timeout, BooleanSupplier gaveUp)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (listens(endpoint, direct)) {
                return true;
            }
            if (gaveUp.getAsBoolean()) {
                return false;
            }
            // A cold start is felt by a waiting caller: probe often at first (a loopback connect is cheap), then less.
            Thread.sleep(System.nanoTime() - start < 3_000_000_000L ? 5 : 50);
        }
        return false;
    }

    /**
     * Whether this host reaches the container's bridge address: a connection is taken or refused at once (the
     * container's kernel answered), rather than timing out or finding no route (Docker Desktop, remote engines).
     */
    static boolean reachable(Endpoint bridge) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(bridge.host(), bridge.port()), 300);
            return true;
        } catch (ConnectException refused) {
            return refused.getMessage() != null && refused.getMessage().contains("refused");
        } catch (IOException timeoutOrNoRoute) {
            return false;
        }
    }

    /** @param direct no port proxy between here and the endpoint (the container's bridge address) */
    static boolean listens(Endpoint endpoint, boolean direct) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
            if (direct) {
                return true;
            }
            socket.setSoTimeout(PROXY_CLOSE_MILLIS);
            InputStream in = socket.getInputStream();
            try {
                return in.read() >= 0; // a server that greets first (rare for HTTP) is listening too
            } catch (SocketTimeoutException stillOpen) {
                return true;
            }
        } catch (IOException refusedOrReset) {
            return false;
        }
    }
}
