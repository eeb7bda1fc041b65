package dev.devserver.deploy;

import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.RevisionBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReadinessTest {
    private static Service service(long generation, Long observed, String ready, String reason, String created, String latestReady) {
        return new ServiceBuilder().withNewMetadata().withName("hello").withGeneration(generation).endMetadata()
                .withNewStatus().withObservedGeneration(observed).withUrl("http://hello.ns.example.com")
                .addNewCondition().withType("Ready").withStatus(ready).withReason(reason).withMessage(reason == null ? null : "why")
                .endCondition().withLatestCreatedRevisionName(created).withLatestReadyRevisionName(latestReady).endStatus().build();
    }

    @Test
    void readyOnceThisGenerationsLatestRevisionIsTheReadyOne() {
        Readiness r = Readiness.of(service(2, 2L, "True", null, "hello-00002", "hello-00002"));
        assertEquals(Readiness.State.READY, r.state());
        assertEquals("http://hello.ns.example.com", r.url());
        assertEquals("hello-00002", r.revision());
        assertNull(r.reason());
    }

    @Test
    void pendingWhileTheControllerHasNotSeenTheGenerationOrTheNewRevisionStarts() {
        assertEquals(Readiness.State.PENDING, Readiness.of(service(3, 2L, "True", null, "hello-00002", "hello-00002")).state());
        assertEquals(Readiness.State.PENDING, Readiness.of(service(2, 2L, "True", null, "hello-00003", "hello-00002")).state());
        assertEquals(Readiness.State.PENDING, Readiness.of(service(1, 1L, "Unknown", "Deploying", "hello-00001", null)).state());
        assertEquals(Readiness.State.PENDING, Readiness.of(null).state());
        assertEquals(Readiness.State.PENDING, Readiness.of(new ServiceBuilder().withNewMetadata().withName("x").endMetadata().build()).state());
    }

    @Test
    void failedWithTheReasonOfTheServiceOrOfItsNewestRevision() {
        Readiness failed = Readiness.of(service(1, 1L, "False", "RevisionFailed", "hello-00001", null));
        assertEquals(Readiness.State.FAILED, failed.state());
        assertEquals("RevisionFailed: why", failed.reason());

        Readiness rolling = Readiness.of(service(2, 2L, "True", null, "hello-00002", "hello-00001"));
        Revision broken = new RevisionBuilder().withNewStatus().addNewCondition().withType("Ready").withStatus("False")
                .withReason("ContainerMissing").withMessage("image \"x\" is not on this machine").endCondition().endStatus().build();
        assertEquals(Readiness.State.FAILED, rolling.orFailed(broken).state());
        assertEquals("ContainerMissing: image \"x\" is not on this machine", rolling.orFailed(broken).reason());
        assertEquals(Readiness.State.PENDING, rolling.orFailed(null).state());
    }
}
