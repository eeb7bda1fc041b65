package dev.devserver.serving;

import java.time.Duration;
import java.util.Comparator;

/**
 * Knative's KPA, simplified for one machine: {@link ScaleDecision} decides containers wanted = ceil(peak concurrency
 * over the stable window / target), within min and max scale; up at once when requests wait (the activator's panic
 * mode), down by one container per tick; idle revisions freeze (pause) after {@code freezeAfter} and go to zero after
 * the stable window plus the grace period, unless min-scale keeps them warm. This class measures the load and applies
 * the decision; it runs on serving's threads, never on the router's event loop.
 */
final class Autoscaler {
    private final ServingOptions options;
    private final ReplicaLauncher launcher;
    private final ServingEvents events;

    Autoscaler(ServingOptions options, ReplicaLauncher launcher, ServingEvents events) {
        this.options = options;
        this.launcher = launcher;
        this.events = events;
    }

    /** Requests arrived that the revision's ready containers cannot take right away. */
    synchronized void demand(Revision revision) {
        if (!revision.lifecycle.mayScale()) {
            return;
        }
        boolean cold = revision.count(Replica.State.READY) == 0;
        ScaleDecision decision = ScaleDecision.onDemand(load(revision, 0, Duration.ZERO), revision.policy);
        for (int i = 0; i < decision.launch(); i++) {
            launcher.launch(revision, cold);
        }
    }

    /** Periodic decisions for the revision receiving traffic. */
    synchronized void tick(Revision revision) {
        if (revision.lifecycle.retired() || !revision.lifecycle.succeeded()) {
            return;
        }
        long now = System.nanoTime();
        int concurrency = revision.inFlight() + revision.waitingCount();
        revision.samples.addLast(new long[]{now, concurrency});
        while (!revision.samples.isEmpty() && now - revision.samples.peekFirst()[0] > options.stableWindow().toNanos()) {
            revision.samples.removeFirst();
        }
        double peak = revision.samples.stream().mapToLong(s -> s[1]).max().orElse(0);
        Duration idle = concurrency > 0 ? Duration.ZERO : Duration.ofNanos(now - revision.lastRequestNanos);
        ScaleDecision decision = ScaleDecision.onTick(load(revision, peak, idle), revision.policy, options);
        apply(revision, decision);
        events.pods(revision.knativeService, revision.name, (int) revision.replicas.stream()
                .filter(r -> r.state() != Replica.State.CREATED && r.state() != Replica.State.STOPPED).count(),
                decision.desired());
    }

    private static ScaleDecision.Load load(Revision revision, double peak, Duration idle) {
        return new ScaleDecision.Load(revision.inFlight() + revision.waitingCount(), peak, idle,
                (int) revision.count(Replica.State.READY), (int) revision.count(Replica.State.FROZEN),
                revision.launching.get());
    }

    private void apply(Revision revision, ScaleDecision decision) {
        if (decision.toZero()) {
            scaleToZero(revision);
        }
        revision.replicas.stream().filter(Replica::ready).skip(revision.policy.minScale()).limit(decision.freeze())
                .forEach(launcher::freeze);
        if (decision.stopOneIdle()) {
            revision.replicas.stream().filter(r -> r.ready() && r.inFlight.get() == 0)
                    .min(Comparator.comparingLong(r -> r.lastUsedNanos))
                    .ifPresent(r -> launcher.stop(revision, r));
        }
        for (int i = 0; i < decision.launch(); i++) {
            launcher.launch(revision, false);
        }
    }

    private void scaleToZero(Revision revision) {
        boolean any = false;
        for (Replica replica : revision.replicas) {
            if (replica.state() == Replica.State.READY || replica.state() == Replica.State.FROZEN) {
                launcher.stop(revision, replica);
                any = true;
            }
        }
        if (any) {
            events.info(revision.function, "scaled " + revision.name + " to zero after "
                    + options.idleToZero().toSeconds() + " s without requests");
            launcher.prepareStandby(revision);
        }
    }
}
