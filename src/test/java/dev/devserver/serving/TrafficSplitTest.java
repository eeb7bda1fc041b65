package dev.devserver.serving;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spec.traffic as serving applies it: percent splits per request, pinned revisions, tags on their own routes. */
class TrafficSplitTest {
    private final FunctionService service = new FunctionService("ns", "split", "split", () -> "http://split.ns.localhost",
            revision -> { }, true);

    private Revision revision(String given) {
        String name = service.nextRevisionName(given);
        Revision revision = new Revision(name, new RevisionSpec("split", "split", "image", Map.of(), null, null, 8080,
                false, null, null, Map.of()), List.of(), new ScalingPolicy(0, 0, 0, 100), 10);
        Replica replica = new Replica("id-" + name, name);
        replica.endpoint = new Endpoint("127.0.0.1", 1);
        replica.move(Replica.State.CREATED, Replica.State.STARTING);
        replica.move(Replica.State.STARTING, Replica.State.READY);
        revision.replicas.add(replica);
        revision.containerReady();
        service.created(revision);
        return revision;
    }

    private String served(ServiceRoute route) {
        Lease lease = route.acquire().toCompletableFuture().join();
        lease.release();
        return lease.revision();
    }

    @Test
    void percentsSplitRequestsAndTagsReachTheirRevision() {
        Revision first = revision("split-00001");
        Revision second = revision("split-00002");
        service.serve(second);
        service.route(List.of(new TrafficTarget("split-00001", null, 30), new TrafficTarget(null, null, 70),
                new TrafficTarget("split-00001", "old", 0)), false);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(served(service), 1, Integer::sum);
        }
        assertTrue(Math.abs(counts.get("split-00001") - 3000) < 300, counts.toString());
        assertEquals(10_000, counts.get("split-00001") + counts.get("split-00002"));
        ServiceRoute old = service.tagged("old");
        for (int i = 0; i < 100; i++) {
            assertEquals("split-00001", served(old));
        }
        assertEquals(Set.of(first, second), service.routed());
        FunctionView view = service.view();
        assertEquals(List.of(new TrafficView("split-00001", false, null, 30), new TrafficView("split-00002", true, null, 70),
                new TrafficView("split-00001", false, "old", 0)), view.traffic());
    }

    @Test
    void pinningToAnOldRevisionLeavesTheLatestUnrouted() {
        Revision first = revision("split-00001");
        Revision second = revision("split-00002");
        service.serve(second);
        service.route(List.of(new TrafficTarget("split-00001", null, 100)), false);
        for (int i = 0; i < 100; i++) {
            assertEquals("split-00001", served(service));
        }
        assertEquals(Set.of(first), service.routed());
        assertEquals(2, second.generation, "generations count every revision");
    }

    @Test
    void theDefaultIsEveryRequestToTheLatestReadyRevision() {
        revision("split-00001");
        Revision second = revision("split-00002");
        service.serve(second);
        service.route(TrafficTarget.LATEST, true);
        assertEquals("split-00002", served(service));
        assertTrue(service.clusterLocal());
        assertTrue(service.tagged("none").acquire().toCompletableFuture().isCompletedExceptionally());
    }
}
