package dev.devserver.serving;

import java.time.Duration;
import java.util.Set;

/**
 * Knative's config-autoscaler and config-deployment knobs as `up` flags. Defaults are Knative's:
 * stable window 60 s, scale-to-zero grace period 30 s, target 100 concurrent requests per container.
 * {@code freezeAfter} (devserver's own, off by default as Knative has no such tier) pauses idle containers before
 * they are removed: unpausing is ~10x faster than starting, but a paused container's background work stops too.
 * Zero disables freezing. {@code debugged} names the functions `up --debug` runs under their runtime's debugger.
 */
public record ServingOptions(Duration readyTimeout, Duration stableWindow, Duration scaleToZeroGracePeriod,
                             Duration freezeAfter, int defaultTarget, Duration tick, Set<String> debugged) {
    public ServingOptions {
        debugged = Set.copyOf(debugged);
    }

    public static ServingOptions defaults() {
        return new ServingOptions(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ZERO, 100, Duration.ofSeconds(2), Set.of());
    }

    public ServingOptions withWindows(Duration stable, Duration grace, Duration freeze) {
        return new ServingOptions(readyTimeout, stable, grace, freeze, defaultTarget, tick, debugged);
    }

    public ServingOptions withReadyTimeout(Duration timeout) {
        return new ServingOptions(timeout, stableWindow, scaleToZeroGracePeriod, freezeAfter, defaultTarget, tick, debugged);
    }

    public ServingOptions withDefaultTarget(int target) {
        return new ServingOptions(readyTimeout, stableWindow, scaleToZeroGracePeriod, freezeAfter, Math.max(1, target), tick, debugged);
    }

    public ServingOptions withTick(Duration newTick) {
        return new ServingOptions(readyTimeout, stableWindow, scaleToZeroGracePeriod, freezeAfter, defaultTarget, newTick, debugged);
    }

    public ServingOptions withDebugged(Set<String> functions) {
        return new ServingOptions(readyTimeout, stableWindow, scaleToZeroGracePeriod, freezeAfter, defaultTarget, tick, functions);
    }

    /** Idle time after which a revision without min-scale has no containers left. */
    public Duration idleToZero() {
        return stableWindow.plus(scaleToZeroGracePeriod);
    }
}
