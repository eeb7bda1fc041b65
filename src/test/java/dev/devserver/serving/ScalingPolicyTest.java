package dev.devserver.serving;

import dev.devserver.project.FunctionSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingPolicyTest {
    private static FunctionSpec function(Integer concurrency, Map<String, String> annotations) {
        return new FunctionSpec("f", "s-f", "h", Path.of("/tmp"), null, null, Map.of(), List.of(), annotations, Map.of(),
                concurrency, 1);
    }

    @Test
    void knativeDefaultsWithoutAnnotations() {
        ScalingPolicy p = ScalingPolicy.of(function(null, Map.of()), ServingOptions.defaults());
        assertEquals(new ScalingPolicy(0, 0, 0, 100), p);
        assertEquals(0, p.desired(0));
        assertEquals(1, p.desired(1));
        assertEquals(3, p.desired(250));
        assertTrue(p.hasRoom(10_000));
    }

    @Test
    void hardLimitMakesTheTargetSeventyPercentOfIt() {
        ScalingPolicy p = ScalingPolicy.of(function(10, Map.of()), ServingOptions.defaults());
        assertEquals(7.0, p.target());
        assertFalse(p.hasRoom(10));
        assertTrue(p.hasRoom(9));
        ScalingPolicy one = ScalingPolicy.of(function(1, Map.of()), ServingOptions.defaults());
        assertEquals(1.0, one.target());
        assertEquals(4, one.desired(4));
    }

    @Test
    void annotationsBoundTheScaleIncludingLegacySpellings() {
        ScalingPolicy p = ScalingPolicy.of(function(1, Map.of("autoscaling.knative.dev/minScale", "2",
                "autoscaling.knative.dev/max-scale", "3")), ServingOptions.defaults());
        assertEquals(2, p.desired(0));
        assertEquals(3, p.desired(50));
        ScalingPolicy target = ScalingPolicy.of(function(null, Map.of("autoscaling.knative.dev/target", "5")),
                ServingOptions.defaults());
        assertEquals(2, target.desired(6));
    }
}
