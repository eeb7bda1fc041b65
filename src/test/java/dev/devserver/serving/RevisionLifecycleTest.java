package dev.devserver.serving;

import dev.devserver.serving.RevisionLifecycle.Condition;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static dev.devserver.serving.ReplicaLifecycleTest.assertThrowsCause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A revision's conditions: starting, ready, restarting after a crash, failed for good; retired or in service. */
class RevisionLifecycleTest {
    private final RevisionLifecycle lifecycle = new RevisionLifecycle("f");

    @Test
    void aRevisionStartsThenIsReadyOnceAContainerIs() {
        CompletableFuture<Void> ready = lifecycle.firstReady();
        assertEquals(Condition.STARTING, lifecycle.condition());
        assertFalse(lifecycle.succeeded());
        assertEquals(Optional.empty(), lifecycle.refusal(), "requests wait for the first container");
        lifecycle.containerReady();
        assertEquals(Condition.READY, lifecycle.condition());
        assertTrue(lifecycle.succeeded());
        assertTrue(ready.isDone() && !ready.isCompletedExceptionally());
    }

    @Test
    void noContainerEverReadyFailsTheRevisionForGood() {
        NotReadyException error = lifecycle.startFailed("container exited with code 3").orElseThrow();
        assertEquals(502, error.status());
        assertEquals("f is not ready: container exited with code 3", error.getMessage());
        assertEquals(Condition.FAILED, lifecycle.condition());
        assertEquals(Optional.of("container exited with code 3"), lifecycle.failure());
        assertEquals(error.getMessage(), assertThrowsCause(lifecycle.firstReady()).getMessage());
        assertFalse(lifecycle.mayScale(), "the autoscaler adds no container to a failed revision");
        assertEquals("f is not ready: container exited with code 3", lifecycle.refusal().orElseThrow().getMessage());

        assertEquals(Optional.empty(), lifecycle.startFailed("a second container failed too"), "failed once");
        lifecycle.containerReady();
        assertEquals(Condition.FAILED, lifecycle.condition(), "a late container does not undo the failure");
        assertFalse(lifecycle.succeeded());
    }

    @Test
    void aContainerFailingAfterTheFirstReadyOneLeavesTheRevisionReady() {
        lifecycle.containerReady();
        assertEquals(Optional.empty(), lifecycle.startFailed("not ready after 60 s"));
        assertEquals(Condition.READY, lifecycle.condition());
        assertTrue(lifecycle.mayScale());
    }

    @Test
    void aCrashRestartsTheRevisionUntilAContainerIsReadyAgain() {
        lifecycle.containerReady();
        assertEquals(1, lifecycle.crashed());
        lifecycle.restarting("its container exited with code 137; restarting in 1 s");
        assertEquals(Condition.RESTARTING, lifecycle.condition());
        assertTrue(lifecycle.succeeded(), "Knative's Ready condition stays true while a container is replaced");
        NotReadyException refused = lifecycle.refusal().orElseThrow();
        assertEquals(502, refused.status());
        assertEquals("f is restarting: its container exited with code 137; restarting in 1 s", refused.getMessage());
        assertEquals(2, lifecycle.crashed(), "the count grows the backoff");
        lifecycle.containerReady();
        assertEquals(Condition.READY, lifecycle.condition());
        assertEquals(Optional.empty(), lifecycle.refusal());
    }

    @Test
    void oneReplacementAtATimeForACrashedRevision() {
        assertTrue(lifecycle.claimReplacement());
        assertFalse(lifecycle.claimReplacement(), "a second crashed container does not schedule another");
        lifecycle.replacementRuns();
        assertTrue(lifecycle.claimReplacement());
    }

    @Test
    void aRetiredRevisionDoesNotScaleUntilTrafficNamesItAgain() {
        lifecycle.containerReady();
        lifecycle.retire();
        assertTrue(lifecycle.retired());
        assertFalse(lifecycle.mayScale());
        assertEquals(Condition.READY, lifecycle.condition(), "retiring takes traffic away, not readiness");
        lifecycle.reinstate();
        assertFalse(lifecycle.retired());
        assertTrue(lifecycle.mayScale());
    }
}
