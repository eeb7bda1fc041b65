package dev.devserver.serving;

import dev.devserver.serving.ScaleDecision.Load;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The autoscaler's decisions from a revision's load, as Knative's KPA makes them (target 100 by default). */
class ScaleDecisionTest {
    private static final ServingOptions OPTIONS = ServingOptions.defaults()
            .withWindows(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(15));
    private static final ScalingPolicy DEFAULT = new ScalingPolicy(0, 0, 0, 100);

    private static Load busy(int concurrency, int ready) {
        return new Load(concurrency, concurrency, Duration.ZERO, ready, 0, 0);
    }

    private static Load idle(Duration idle, int ready, int frozen) {
        return new Load(0, 0, idle, ready, frozen, 0);
    }

    @Test
    void waitingRequestsScaleOutAtOnce() {
        ScaleDecision fromZero = ScaleDecision.onDemand(busy(1, 0), DEFAULT);
        assertEquals(1, fromZero.launch(), "a request at zero starts one container");
        ScaleDecision burst = ScaleDecision.onDemand(busy(250, 1), DEFAULT);
        assertEquals(3, burst.desired());
        assertEquals(2, burst.launch(), "250 requests at target 100: three containers");
        assertEquals(0, ScaleDecision.onDemand(new Load(250, 250, Duration.ZERO, 1, 0, 2), DEFAULT).launch(),
                "containers already launching count as capacity");
    }

    @Test
    void maxScaleCapsAndMinScaleFloorsTheContainers() {
        ScalingPolicy bounded = new ScalingPolicy(2, 3, 0, 10);
        assertEquals(3, ScaleDecision.onDemand(busy(1_000, 0), bounded).launch(), "max-scale 3");
        ScaleDecision warm = ScaleDecision.onTick(idle(Duration.ofHours(1), 0, 0), bounded, OPTIONS);
        assertFalse(warm.toZero(), "min-scale keeps the revision warm");
        assertEquals(2, warm.launch(), "min-scale 2 containers");
        assertEquals(2, warm.desired());
        assertEquals(1, ScaleDecision.onTick(idle(Duration.ofHours(1), 1, 0), bounded, OPTIONS).launch());
    }

    @Test
    void idleContainersBeyondMinScaleFreeze() {
        ScaleDecision decision = ScaleDecision.onTick(idle(Duration.ofSeconds(20), 3, 0), new ScalingPolicy(1, 0, 0, 100),
                OPTIONS);
        assertEquals(2, decision.freeze(), "all but the min-scale one");
        assertFalse(decision.toZero());
        assertEquals(0, decision.launch(), "frozen containers count as capacity for min-scale");
        ScaleDecision off = ScaleDecision.onTick(idle(Duration.ofSeconds(20), 3, 0), DEFAULT,
                OPTIONS.withWindows(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ZERO));
        assertEquals(0, off.freeze(), "--freeze-after 0 disables freezing");
    }

    @Test
    void idlePastTheStableWindowAndGracePeriodGoesToZero() {
        ScaleDecision stillWarm = ScaleDecision.onTick(idle(Duration.ofSeconds(89), 1, 0), DEFAULT, OPTIONS);
        assertFalse(stillWarm.toZero(), "60 s window + 30 s grace not over yet");
        ScaleDecision zero = ScaleDecision.onTick(idle(Duration.ofSeconds(91), 1, 1), DEFAULT, OPTIONS);
        assertTrue(zero.toZero());
        assertEquals(0, zero.desired());
        assertEquals(0, zero.launch());
    }

    @Test
    void lessLoadScalesDownOneContainerPerTick() {
        ScaleDecision decision = ScaleDecision.onTick(new Load(50, 50, Duration.ZERO, 3, 0, 0), DEFAULT, OPTIONS);
        assertEquals(1, decision.desired());
        assertTrue(decision.stopOneIdle());
        assertFalse(ScaleDecision.onTick(new Load(50, 50, Duration.ZERO, 3, 0, 1), DEFAULT, OPTIONS).stopOneIdle(),
                "not while a container is being brought up");
        assertFalse(ScaleDecision.onTick(new Load(150, 250, Duration.ZERO, 3, 0, 0), DEFAULT, OPTIONS).stopOneIdle(),
                "the stable window's peak still needs three");
    }
}
