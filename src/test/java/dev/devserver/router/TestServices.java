package dev.devserver.router;

import dev.devserver.serving.Endpoint;
import dev.devserver.serving.Lease;
import dev.devserver.serving.ServiceDirectory;
import dev.devserver.serving.ServiceId;
import dev.devserver.serving.ServiceRoute;
import dev.devserver.serving.ServiceStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** In-test serving layer: routes by exact host name, counts leases handed out and released. */
final class TestServices implements ServiceDirectory {
    final Map<String, TestRoute> routes = new ConcurrentHashMap<>();
    final List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();

    /** A route whose container at this port is ready at once. */
    TestRoute add(String host, String namespace, String ksvc, int port) {
        TestRoute route = new TestRoute(namespace, ksvc, ksvc.substring(ksvc.lastIndexOf('-') + 1));
        route.acquire = () -> CompletableFuture.completedFuture(route.lease(port));
        routes.put(host, route);
        return route;
    }

    @Override
    public Optional<ServiceRoute> find(String hostName) {
        return Optional.ofNullable(routes.get(hostName));
    }

    @Override
    public List<ServiceStatus> statuses() {
        return statuses;
    }

    static final class TestRoute implements ServiceRoute {
        final ServiceId id;
        volatile Supplier<CompletionStage<Lease>> acquire;
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger doubleReleases = new AtomicInteger();
        /** The revision's own timeoutSeconds; null: the router's. */
        volatile Duration timeout;
        volatile boolean clusterLocal;

        TestRoute(String namespace, String ksvc, String function) {
            this.id = new ServiceId(namespace, ksvc, function);
        }

        @Override
        public ServiceId id() {
            return id;
        }

        Lease lease(int port) {
            acquired.incrementAndGet();
            AtomicInteger mine = new AtomicInteger();
            return new Lease() {
                @Override
                public Endpoint endpoint() {
                    return new Endpoint("127.0.0.1", port);
                }

                @Override
                public String revision() {
                    return id.knativeService() + "-00001";
                }

                @Override
                public Duration timeout() {
                    return timeout;
                }

                @Override
                public void release() {
                    if (mine.incrementAndGet() > 1) {
                        doubleReleases.incrementAndGet();
                    }
                    released.incrementAndGet();
                }
            };
        }

        @Override
        public boolean clusterLocal() {
            return clusterLocal;
        }

        @Override
        public CompletionStage<Lease> acquire() {
            return acquire.get();
        }
    }
}
