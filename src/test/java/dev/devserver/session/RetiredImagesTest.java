package dev.devserver.session;

import dev.devserver.serving.RevisionView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetiredImagesTest {
    private static RevisionView revision(String image, boolean ready, int containers, boolean active) {
        return new RevisionView("r-" + image, "s-fn", image, Instant.EPOCH, ready, ready ? null : "failed", containers, active);
    }

    @Test
    void keepsTheLiveImageAndTheLastReadyOneBeforeIt() {
        assertEquals(Set.of("s-fn:c", "s-fn:b"), RetiredImages.worthKeeping(List.of(
                revision("s-fn:a", true, 0, false), revision("s-fn:b", true, 0, false),
                revision("s-fn:x", false, 0, false), revision("s-fn:c", true, 1, true))));
    }

    @Test
    void theRollBackTargetIsADifferentImageAndDrainingRevisionsKeepTheirs() {
        assertEquals(Set.of("s-fn:c", "s-fn:a", "s-fn:d"), RetiredImages.worthKeeping(List.of(
                revision("s-fn:a", true, 0, false), revision("s-fn:c", true, 0, false),
                revision("s-fn:c", true, 1, true), revision("s-fn:d", false, 1, false))));
    }
}
