package dev.devserver.serving;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.devserver.serving.ReplicaLifecycleTest.assertThrowsCause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Revisions from creation to the end, for revisions without containers (no Docker needed): naming, drain, stop. */
class RolloutTest {
    private static final RevisionSpec SPEC = new RevisionSpec("f", "f", "image", Map.of(), null, null,
            RevisionSpec.DEFAULT_PORT, false, null, null, Map.of());
    // No container is launched or stopped here, so the launcher is never reached.
    private final Rollout rollout = new Rollout(ServingOptions.defaults(), null, Runnable::run, Duration.ZERO);
    private final FunctionService service = new FunctionService("ns", "f", "f", () -> "http://f.ns.localhost",
            revision -> { }, false);

    @Test
    void revisionsGetKnativesNamesUnlessTheTemplateNamesThem() {
        Revision first = rollout.create(service, null, SPEC, null);
        Revision second = rollout.create(service, "f-blue", SPEC, null);
        Revision third = rollout.create(service, null, SPEC, null);
        assertEquals(List.of("f-00001", "f-blue", "f-00003"), List.of(first.name, second.name, third.name));
        assertEquals(List.of("PORT=8080", "K_SERVICE=f", "K_CONFIGURATION=f", "K_REVISION=f-00003"), third.env);
        assertEquals(3, third.generation);
        assertTrue(service.isLatest(third));
    }

    @Test
    void theFirstRevisionTakesTrafficAtOnceLaterOnesOnlyWhenReady() {
        Revision first = rollout.create(service, null, SPEC, null);
        assertSame(first, service.current().orElseThrow(), "requests wait for the first revision rather than fail");
        rollout.create(service, null, SPEC, null);
        assertSame(first, service.current().orElseThrow(), "the previous revision serves while the new one starts");
    }

    @Test
    void aDrainedRevisionHandsItsWaitingRequestsToItsSuccessorAndRetires() {
        Revision previous = rollout.create(service, null, SPEC, null);
        Revision successor = rollout.create(service, null, SPEC, null);
        CompletableFuture<Lease> waiting = previous.acquire();
        rollout.drain(previous, successor);
        assertTrue(previous.lifecycle.retired());
        assertEquals(0, previous.waitingCount());
        assertEquals(1, successor.waitingCount(), "the request waits for the successor's container now");
        assertFalse(waiting.isDone());
        successor.failWaiting(new NotReadyException(502, "f is not ready: gone"));
        assertEquals("f is not ready: gone", assertThrowsCause(waiting).getMessage());
    }

    @Test
    void aStoppedServiceAnswersItsWaitingRequestsWithWhy() {
        Revision revision = rollout.create(service, null, SPEC, null);
        CompletableFuture<Lease> waiting = revision.acquire();
        rollout.stopService(service, "f was removed from serverless.yml");
        NotReadyException error = (NotReadyException) assertThrowsCause(waiting);
        assertEquals(404, error.status());
        assertEquals("f was removed from serverless.yml", error.getMessage());
        assertTrue(revision.lifecycle.retired());
    }

    @Test
    void requestsToARestartingRevisionGet502WithTheCrashUntilAContainerIsReadyAgain() {
        Revision revision = rollout.create(service, null, SPEC, null);
        revision.containerReady();
        revision.lifecycle.restarting("its container exited with code 1; restarting in 1 s");
        NotReadyException error = (NotReadyException) assertThrowsCause(service.acquire().toCompletableFuture());
        assertEquals(502, error.status());
        assertEquals("f is restarting: its container exited with code 1; restarting in 1 s", error.getMessage());
        Replica replica = new Replica("id", "name");
        replica.endpoint = new Endpoint("127.0.0.1", 1);
        replica.move(Replica.State.CREATED, Replica.State.STARTING);
        replica.move(Replica.State.STARTING, Replica.State.READY);
        revision.replicas.add(replica);
        revision.containerReady();
        assertEquals(1, service.acquire().toCompletableFuture().join().endpoint().port());
    }
}
