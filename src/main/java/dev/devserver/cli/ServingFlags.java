package dev.devserver.cli;

import dev.devserver.serving.ServingOptions;
import picocli.CommandLine.Option;

import java.time.Duration;

/** `up`'s serving flags: Knative's config-deployment and config-autoscaler knobs, and the revision timeout. */
public class ServingFlags {
    @Option(names = "--ready-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long a new container may take to answer (default: ${DEFAULT-VALUE})")
    Duration readyTimeout;

    @Option(names = "--revision-timeout", defaultValue = "300s", converter = DurationConverter.class,
            description = "How long a request may run before 504, as Knative's revision-timeout-seconds (default: ${DEFAULT-VALUE})")
    Duration revisionTimeout;

    @Option(names = "--stable-window", defaultValue = "60s", converter = DurationConverter.class,
            description = "Autoscaler stable window, as Knative's config-autoscaler (default: ${DEFAULT-VALUE})")
    Duration stableWindow;

    @Option(names = "--scale-to-zero-grace-period", defaultValue = "30s", converter = DurationConverter.class,
            description = "Idle time after the stable window before containers are removed (default: ${DEFAULT-VALUE})")
    Duration scaleToZeroGrace;

    @Option(names = "--freeze-after", defaultValue = "0s", converter = DurationConverter.class,
            description = "Idle time after which containers are paused until the next request (faster than a cold"
                    + " start, but background work stops; Knative does not do this); 0 disables (default: ${DEFAULT-VALUE}, off)")
    Duration freezeAfter;

    @Option(names = "--target", defaultValue = "100",
            description = "Concurrent requests per container the autoscaler aims for, unless a function's"
                    + " autoscaling.knative.dev/target says otherwise (default: ${DEFAULT-VALUE})")
    int target;

    ServingOptions serving() {
        return ServingOptions.defaults().withReadyTimeout(readyTimeout)
                .withWindows(stableWindow, scaleToZeroGrace, freezeAfter).withDefaultTarget(target);
    }
}
