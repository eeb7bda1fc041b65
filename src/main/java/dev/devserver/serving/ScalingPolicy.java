package dev.devserver.serving;

import dev.devserver.project.FunctionSpec;

import java.util.Map;

/**
 * How one revision scales, from its annotations as Knative reads them: {@code autoscaling.knative.dev/min-scale}
 * (or minScale), {@code max-scale} (maxScale; 0 = no limit), {@code target} (default 100, or 70 % of a hard limit),
 * and {@code containerConcurrency} from TriggerMesh's {@code concurrency} (0 = unlimited).
 */
public record ScalingPolicy(int minScale, int maxScale, int containerConcurrency, double target) {
    private static final String PREFIX = "autoscaling.knative.dev/";
    private static final double TARGET_PERCENTAGE = 0.7;

    public static ScalingPolicy of(FunctionSpec function, ServingOptions options) {
        return of(function.annotations(), function.concurrency(), options);
    }

    static ScalingPolicy of(Map<String, String> a, Integer containerConcurrency, ServingOptions options) {
        int concurrency = containerConcurrency == null ? 0 : containerConcurrency;
        int min = intAnnotation(a, "min-scale", "minScale", 0);
        int max = intAnnotation(a, "max-scale", "maxScale", 0);
        double target = doubleAnnotation(a, "target",
                concurrency > 0 ? Math.max(1, concurrency * TARGET_PERCENTAGE) : options.defaultTarget());
        if (concurrency > 0) {
            target = Math.min(target, concurrency);
        }
        return new ScalingPolicy(min, max == 0 ? 0 : Math.max(max, Math.max(min, 1)), concurrency, target);
    }

    /**
     * Under a debugger: exactly one container, never frozen (only containers beyond min-scale are) nor scaled to zero;
     * one request at a time when each request's process waits for the debugger on the one port.
     */
    public ScalingPolicy debugging(boolean oneRequestAtATime) {
        return new ScalingPolicy(1, 1, oneRequestAtATime ? 1 : containerConcurrency, target);
    }

    /** Containers needed for {@code concurrency} requests in flight, within min and max scale. */
    public int desired(double concurrency) {
        int wanted = (int) Math.ceil(concurrency / target);
        wanted = Math.max(wanted, minScale);
        return maxScale > 0 ? Math.min(wanted, maxScale) : wanted;
    }

    /** Whether a container with this many requests in flight can take one more. */
    public boolean hasRoom(int inFlight) {
        return containerConcurrency == 0 || inFlight < containerConcurrency;
    }

    private static int intAnnotation(Map<String, String> a, String name, String legacy, int fallback) {
        String value = a.getOrDefault(PREFIX + name, a.get(PREFIX + legacy));
        try {
            return value == null ? fallback : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double doubleAnnotation(Map<String, String> a, String name, double fallback) {
        String value = a.get(PREFIX + name);
        try {
            return value == null ? fallback : Math.max(0.01, Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
