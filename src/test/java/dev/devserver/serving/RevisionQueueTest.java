package dev.devserver.serving;

import dev.devserver.project.FunctionSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The activator's queue: requests wait for a container, oldest first, up to the queue depth; then 503 with why. */
class RevisionQueueTest {
    private static final FunctionSpec F = new FunctionSpec("f", "s-f", "h", Path.of("/p/f"), null, null, Map.of(), List.of(),
            Map.of(), Map.of(), null, 1);

    static Revision revision(int containerConcurrency, int queueDepth) {
        return new Revision("f-00001", F, "image", List.of(), new ScalingPolicy(0, 0, containerConcurrency, 100), queueDepth);
    }

    private static Replica ready(Revision revision, int port) {
        Replica replica = new Replica("id" + port, "name");
        replica.endpoint = new Endpoint("127.0.0.1", port);
        replica.move(Replica.State.CREATED, Replica.State.STARTING);
        replica.move(Replica.State.STARTING, Replica.State.READY);
        revision.replicas.add(replica);
        revision.dispatch();
        return replica;
    }

    @Test
    void requestsWaitForTheFirstContainerThenGoToIt() {
        Revision revision = revision(0, 10);
        CompletableFuture<Lease> first = revision.acquire();
        CompletableFuture<Lease> second = revision.acquire();
        assertFalse(first.isDone());
        assertEquals(2, revision.waitingCount());
        ready(revision, 1001);
        assertEquals(1001, first.join().endpoint().port());
        assertEquals(1001, second.join().endpoint().port());
        assertEquals(2, revision.inFlight());
        assertEquals(0, revision.waitingCount());
    }

    @Test
    void aHardLimitQueuesRequestsUntilALeaseEnds() {
        Revision revision = revision(1, 10);
        ready(revision, 1001);
        Lease first = revision.acquire().join();
        CompletableFuture<Lease> second = revision.acquire();
        assertFalse(second.isDone(), "containerConcurrency 1: the second request waits");
        first.release();
        assertTrue(second.isDone());
        first.release(); // releasing twice frees one slot only
        assertEquals(1, revision.inFlight());
    }

    @Test
    void theLeastLoadedContainerGetsTheRequest() {
        Revision revision = revision(0, 10);
        ready(revision, 1001);
        assertEquals("f-00001", revision.acquire().join().revision());
        assertEquals(List.of(1002, 1002), List.of(ready(revision, 1002).endpoint.port(),
                revision.acquire().join().endpoint().port()), "the idle container, not the busy one");
    }

    @Test
    void beyondTheQueueDepthARequestGets503WithTheReason() {
        Revision revision = revision(0, 2);
        CompletableFuture<Lease> a = revision.acquire();
        CompletableFuture<Lease> b = revision.acquire();
        CompletableFuture<Lease> refused = revision.acquire();
        NotReadyException error = (NotReadyException) ReplicaLifecycleTest.assertThrowsCause(refused);
        assertEquals(503, error.status());
        assertTrue(error.getMessage().contains("2 requests are already waiting"), error.getMessage());
        assertFalse(a.isDone() || b.isDone(), "the queued requests keep waiting");

        a.cancel(false); // a caller that gave up (timeout, hang-up) frees its place
        CompletableFuture<Lease> next = revision.acquire();
        assertFalse(next.isDone(), "queued again");
        ready(revision, 1001);
        assertEquals(1001, b.join().endpoint().port());
        assertEquals(1001, next.join().endpoint().port());
    }

    @Test
    void waitingRequestsMoveToTheSuccessorRevision() {
        Revision old = revision(0, 10);
        Revision successor = new Revision("f-00002", F, "image", List.of(), new ScalingPolicy(0, 0, 0, 100), 10);
        CompletableFuture<Lease> waiting = old.acquire();
        old.handOverWaiting(successor);
        ready(successor, 2002);
        assertEquals("f-00002", waiting.join().revision());
        assertSame(0, old.waitingCount());
    }
}
