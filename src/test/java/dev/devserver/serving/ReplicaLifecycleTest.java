package dev.devserver.serving;

import dev.devserver.serving.Replica.State;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A container's lifecycle, and a revision's: ready, frozen, stopped, failed; no Docker needed. */
class ReplicaLifecycleTest {
    private static Replica replica(State state) {
        Replica replica = new Replica("id", "name");
        switch (state) {
            case CREATED -> { }
            case STARTING -> replica.move(State.CREATED, State.STARTING);
            case READY -> {
                replica.move(State.CREATED, State.STARTING);
                replica.move(State.STARTING, State.READY);
            }
            case FROZEN -> {
                replica.move(State.CREATED, State.STARTING);
                replica.move(State.STARTING, State.READY);
                replica.move(State.READY, State.FROZEN);
            }
            case STOPPED -> replica.stop();
        }
        assertEquals(state, replica.state());
        return replica;
    }

    @Test
    void theLifecycleFollowsItsTransitions() {
        for (State from : State.values()) {
            for (State to : State.values()) {
                Replica replica = replica(from);
                boolean allowed = Replica.TRANSITIONS.get(from).contains(to);
                assertEquals(allowed, replica.move(from, to), from + " → " + to);
                assertEquals(allowed ? to : from, replica.state(), from + " → " + to);
            }
        }
        assertTrue(Replica.TRANSITIONS.get(State.STOPPED).isEmpty(), "stopped is final");
    }

    @Test
    void aStoppedContainerIsNeverResurrectedByALateProbe() {
        Replica starting = replica(State.STARTING);
        assertEquals(State.STARTING, starting.stop()); // scaled down or rolled out while it was starting
        assertFalse(starting.move(State.STARTING, State.READY));
        assertEquals(State.STOPPED, starting.state());
    }

    @Test
    void twoLaunchesCannotClaimTheSameStandby() {
        Replica standby = replica(State.CREATED);
        assertTrue(standby.move(State.CREATED, State.STARTING));
        assertFalse(standby.move(State.CREATED, State.STARTING), "the second launch creates its own container");
    }

    @Test
    void aRevisionIsReadyOnceAContainerIsAndStaysReadyWhenScaledToZero() {
        Revision revision = RevisionQueueTest.revision(0, Revision.QUEUE_DEPTH);
        assertFalse(revision.ready());
        Replica replica = replica(State.READY);
        revision.replicas.add(replica);
        revision.containerReady();
        assertTrue(revision.ready());
        assertTrue(revision.lifecycle.succeeded());
        revision.replicas.remove(replica);
        replica.stop();
        assertFalse(revision.ready(), "no container serves");
        assertTrue(revision.lifecycle.succeeded(), "Knative's Ready condition stays true at zero");
    }

    @Test
    void aRevisionThatFailsFailsItsWaitingRequests() {
        Revision revision = RevisionQueueTest.revision(0, Revision.QUEUE_DEPTH);
        CompletableFuture<Lease> waiting = revision.acquire();
        assertTrue(revision.startFailed("container exited with code 1"));
        assertFalse(revision.lifecycle.succeeded());
        NotReadyException error = (NotReadyException) assertThrowsCause(waiting);
        assertEquals(502, error.status());
        assertTrue(error.getMessage().contains("exited with code 1"), error.getMessage());
        assertEquals(List.of(), revision.replicas);
    }

    static Throwable assertThrowsCause(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }
}
