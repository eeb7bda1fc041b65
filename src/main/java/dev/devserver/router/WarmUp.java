package dev.devserver.router;

import dev.devserver.serving.Endpoint;
import dev.devserver.serving.Lease;
import dev.devserver.serving.ServiceId;
import dev.devserver.serving.ServiceRoute;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Warms the router's JIT before a user's load does. Without it, the first seconds of load after `up` run in the
 * interpreter and C1 code while C2 compiles the hot paths, and the router passes on far less than a container
 * answers directly. Right after `up` routes, while the functions' containers start, a few thousand requests go
 * through the whole chain — both Vert.x HTTP codecs, route, drain, record, activate, proxy — to a stand-in
 * container: a Vert.x server on loopback in this process. They reach no function, write no request log line, count
 * in no metric, and their host answers only while the warm-up runs.
 */
final class WarmUp {
    /** {@code .invalid} is reserved (RFC 2606): never a function's host. */
    static final String HOST = "warm-up.devserver.invalid";
    private static final String BODY = "{\"warm\":\"up\"}";

    private final Vertx vertx;
    private volatile Route route;

    WarmUp(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The stand-in's route while the warm-up runs. */
    Optional<ServiceRoute> find(String host) {
        Route running = route;
        return running != null && HOST.equals(host) ? Optional.of(running) : Optional.empty();
    }

    static boolean isWarmUp(Exchange exchange) {
        return exchange.route instanceof Route;
    }

    /**
     * Sends {@code requests} through the router at {@code host:port} on {@code connections} kept-alive connections,
     * GETs and POSTs in turn; completes with how many the stand-in answered (a failure ends it early: it is an
     * optimisation).
     */
    Future<Integer> run(String host, int port, int requests, int connections) {
        HttpServer standIn = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body ->
                request.response().putHeader("content-type", "application/json").end(BODY)));
        return standIn.listen(0, "127.0.0.1").compose(listening -> {
            route = new Route(new Endpoint("127.0.0.1", listening.actualPort()));
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(connections));
            AtomicInteger left = new AtomicInteger(requests);
            AtomicInteger answered = new AtomicInteger();
            Future<?>[] loops = new Future<?>[connections];
            for (int i = 0; i < connections; i++) {
                Promise<Void> done = Promise.promise();
                next(client, SocketAddress.inetSocketAddress(port, host), left, answered, done);
                loops[i] = done.future();
            }
            Supplier<Future<Void>> closeStandIn = standIn::close;
            Supplier<Future<Void>> close = () -> {
                route = null;
                return client.close().eventually(closeStandIn);
            };
            return Future.join(List.of(loops)).eventually(close).map(all -> answered.get());
        });
    }

    private static void next(HttpClient client, SocketAddress router, AtomicInteger left, AtomicInteger answered,
                             Promise<Void> done) {
        int n = left.decrementAndGet();
        if (n < 0) {
            done.complete();
            return;
        }
        boolean post = (n & 1) == 0;
        RequestOptions options = new RequestOptions().setServer(router).setHost(HOST).setURI("/")
                .setMethod(post ? HttpMethod.POST : HttpMethod.GET);
        client.request(options)
                .compose(request -> post ? request.putHeader("content-type", "application/json").send(Buffer.buffer(BODY))
                        : request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onSuccess(status -> {
                    if (status != 200) { // draining (`up` stops), or something is off: a warm-up is not worth more
                        done.complete();
                        return;
                    }
                    answered.incrementAndGet();
                    next(client, router, left, answered, done);
                })
                .onFailure(done::fail);
    }

    /** The stand-in as a service: always a lease on its one "container". */
    private static final class Route implements ServiceRoute, Lease {
        private static final ServiceId ID = new ServiceId("devserver", "warm-up", "warm-up");
        private final Endpoint endpoint;

        Route(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public ServiceId id() {
            return ID;
        }

        @Override
        public CompletionStage<Lease> acquire() {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public Endpoint endpoint() {
            return endpoint;
        }

        @Override
        public String revision() {
            return "warm-up";
        }

        @Override
        public void release() {
        }
    }
}
