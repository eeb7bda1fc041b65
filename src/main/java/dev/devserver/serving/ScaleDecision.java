package dev.devserver.serving;

import java.time.Duration;

/**
 * What the autoscaler wants for one revision, decided from its load alone (as Knative's autoscaler returns a desired
 * scale and leaves the deployment to others); {@link Autoscaler} applies it with the launcher.
 *
 * @param desired     containers wanted (reported as Knative's desired pods)
 * @param launch      containers to add now
 * @param freeze      idle ready containers to pause (the ones beyond min-scale)
 * @param stopOneIdle remove the least recently used idle container (scale down one per tick)
 * @param toZero      remove every container: idle past the stable window and the grace period, no min-scale
 */
record ScaleDecision(int desired, int launch, int freeze, boolean stopOneIdle, boolean toZero) {

    /**
     * A revision's load at one moment.
     *
     * @param concurrency requests in flight plus waiting, now
     * @param peak        the highest concurrency over the stable window
     * @param idle        time since the last request ended (zero while requests run or wait)
     * @param ready       containers serving
     * @param frozen      paused containers (thawed in milliseconds)
     * @param launching   containers being brought up
     */
    record Load(int concurrency, double peak, Duration idle, int ready, int frozen, int launching) {
    }

    /** Requests arrived that the ready containers cannot take at once: add containers for them, now (panic mode). */
    static ScaleDecision onDemand(Load load, ScalingPolicy policy) {
        int desired = Math.max(1, policy.desired(load.concurrency()));
        return new ScaleDecision(desired, Math.max(0, desired - load.ready() - load.launching()), 0, false, false);
    }

    /** The periodic decision: follow the stable window's peak down one container at a time, freeze, go to zero. */
    static ScaleDecision onTick(Load load, ScalingPolicy policy, ServingOptions options) {
        int desired = policy.desired(load.peak());
        int min = policy.minScale();
        boolean toZero = min == 0 && load.idle().compareTo(options.idleToZero()) > 0;
        int freeze = 0;
        boolean stopOne = false;
        if (toZero) {
            desired = 0;
        } else if (!options.freezeAfter().isZero() && load.idle().compareTo(options.freezeAfter()) > 0 && load.ready() > min) {
            freeze = load.ready() - min;
        } else if (load.ready() > Math.max(desired, 1) && load.launching() == 0) {
            stopOne = true;
        }
        int launch = toZero ? 0 : Math.max(0, min - load.ready() - load.launching() - load.frozen());
        return new ScaleDecision(desired, launch, freeze, stopOne, toZero);
    }
}
