package dev.devserver.deploy;

import dev.devserver.DevserverException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePlanTest {
    private static final String SERVER = "https://127.0.0.1:6443";

    @Test
    void aDevserverOnThisMachineUsesTheLocalImagesEvenWithARegistry() {
        ImagePlan plan = ImagePlan.decide("registry.example.com/group/project", true, SERVER);
        assertFalse(plan.push());
        assertEquals("functions-echo:3f2a", plan.image("functions-echo:3f2a"));
        assertTrue(plan.reason().contains("nothing is pushed (not even to registry.example.com/group/project)"), plan.reason());
        assertFalse(ImagePlan.decide(null, true, SERVER).push());
    }

    @Test
    void anotherClusterGetsTheImagesPushedUnderTheRegistry() {
        ImagePlan plan = ImagePlan.decide(" registry.example.com/group/project// ", false, SERVER);
        assertTrue(plan.push());
        assertEquals("registry.example.com/group/project/functions-echo:3f2a", plan.image("functions-echo:3f2a"));
        assertTrue(plan.reason().contains("pulls images from registry.example.com/group/project"), plan.reason());
    }

    @Test
    void anotherClusterWithoutARegistryIsRefusedSayingWhatToGive() {
        for (String none : new String[]{null, "", "  "}) {
            DevserverException e = assertThrows(DevserverException.class, () -> ImagePlan.decide(none, false, SERVER));
            assertTrue(e.getMessage().contains("The cluster at " + SERVER + " cannot see this machine's images: give"
                    + " --registry REGISTRY"), e.getMessage());
        }
    }
}
