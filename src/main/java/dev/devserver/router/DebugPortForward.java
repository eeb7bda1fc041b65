package dev.devserver.router;

import dev.devserver.serving.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The loopback port `up --debug` prints for a function's debugger: a plain TCP forward to the debugger port of the
 * container receiving the function's traffic, looked up per connection. The printed port so stays the same when a
 * code edit rolls out a new revision (whose container overlaps the old one's) or a crashed container is replaced.
 */
public final class DebugPortForward implements AutoCloseable {
    /** How far above the debugger's usual port to look for a free one (9229 taken by a local node → 9230, …). */
    private static final int TRIES = 50;

    private final NetServer server;
    private final NetClient client;
    private final int port;

    private DebugPortForward(NetServer server, NetClient client, int port) {
        this.server = server;
        this.client = client;
        this.port = port;
    }

    /** Listens on 127.0.0.1 at {@code preferred} or the next free port above it. */
    public static DebugPortForward open(Vertx vertx, int preferred, Supplier<Optional<Endpoint>> target) {
        NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000));
        RuntimeException last = null;
        for (int candidate = preferred; candidate < preferred + TRIES; candidate++) {
            if (!free(candidate)) {
                continue;
            }
            NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(candidate));
            server.connectHandler(socket -> forward(client, socket, target));
            try {
                server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                return new DebugPortForward(server, client, candidate);
            } catch (Exception e) {
                last = new IllegalStateException("no free port from " + preferred + " to " + candidate + ": " + e.getMessage());
            }
        }
        client.close();
        throw last != null ? last : new IllegalStateException("ports " + preferred + " to " + (preferred + TRIES - 1) + " are taken");
    }

    /**
     * Asked of the OS first: Vert.x shares a port between servers of one Vert.x instance, so a second debugged
     * function's listen on 9229 would succeed and split connections between two debuggers.
     */
    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void forward(NetClient client, NetSocket socket, Supplier<Optional<Endpoint>> target) {
        socket.pause();
        Optional<Endpoint> endpoint = target.get();
        if (endpoint.isEmpty()) { // its container is still starting, or crashed and not yet replaced
            socket.close();
            return;
        }
        client.connect(endpoint.get().port(), endpoint.get().host()).onComplete(connected -> {
            if (connected.failed()) {
                socket.close();
                return;
            }
            NetSocket upstream = connected.result();
            socket.pipeTo(upstream);
            upstream.pipeTo(socket);
            socket.resume();
        });
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        Future.join(server.close(), client.close());
    }
}
