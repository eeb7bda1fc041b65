package dev.devserver.router;

import dev.devserver.observe.RequestLogFile;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the router alone for bench/router-bench.sh: {@code RouterBenchMain <routerPort> <upstreamPort> <requestLog|none>}.
 * Routes host {@code bench.ns.localhost} to a warm container at 127.0.0.1:upstreamPort; runs until killed.
 */
public final class RouterBenchMain {
    private RouterBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int routerPort = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        TestServices services = new TestServices();
        services.add("bench.ns.localhost", "ns", "functions-bench", upstreamPort);
        java.util.function.Consumer<RequestRecord> log = args[2].equals("none") ? r -> { } : new RequestLogFile(Path.of(args[2]));
        Vertx vertx = Vertx.vertx();
        RouterOptions options = RouterOptions.defaults().withPort(routerPort)
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(300));
        int port = new Router(vertx, services, options, log).start().toCompletionStage().toCompletableFuture().get();
        System.out.println("router listening on 127.0.0.1:" + port);
    }
}
