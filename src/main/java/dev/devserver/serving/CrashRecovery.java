package dev.devserver.serving;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Crash recovery: a container that exits while serving is replaced after an exponential backoff (1 s doubling to
 * 30 s, as Kubernetes restarts a crashing pod), and retried while the Docker engine itself is away; requests meanwhile
 * get 502 with the reason and the container's last lines.
 */
final class CrashRecovery {
    private final Containers containers;
    private final ReplicaLauncher launcher;
    private final ServingEvents events;
    private final ScheduledExecutorService clock;
    private final Set<String> deadContainers = ConcurrentHashMap.newKeySet();

    CrashRecovery(Containers containers, ReplicaLauncher launcher, ServingEvents events, ScheduledExecutorService clock) {
        this.containers = containers;
        this.launcher = launcher;
        this.events = events;
        this.clock = clock;
    }

    void crashed(Revision revision, Replica replica) {
        Integer code = containers.exitCodeIfReachable(replica);
        revision.replicas.remove(replica);
        int crashes = revision.lifecycle.crashed();
        long backoffMs = backoffMs(crashes);
        String exit = code == null ? "stopped (the Docker engine is not reachable)" : "exited with code " + code;
        revision.lifecycle.restarting("its container " + exit + "; restarting in " + backoffMs / 1000 + " s"
                + containers.lines().lastOutputNote(replica));
        events.info(revision.function, "container of " + revision.name + " " + exit + "; replacing it in " + backoffMs + " ms");
        removeWhenPossible(replica.containerId);
        launcher.removePause(replica);
        replaceAfter(revision, backoffMs, crashes);
    }

    private static long backoffMs(int attempt) {
        return Math.min(30_000, 1000L << Math.min(attempt - 1, 5));
    }

    /**
     * Replaces a crashed revision's container after {@code delayMs}, and keeps retrying with backoff while no
     * container becomes ready: when the Docker engine itself went away (restart, upgrade), launches fail until it
     * answers again, then the revision is recreated.
     */
    private void replaceAfter(Revision revision, long delayMs, int attempt) {
        if (!revision.lifecycle.claimReplacement()) {
            return; // another crashed replica of this revision already scheduled the replacement
        }
        clock.schedule(() -> {
            revision.lifecycle.replacementRuns();
            if (revision.lifecycle.retired() || revision.count(Replica.State.READY) > 0) {
                return;
            }
            removeDeadContainers();
            launcher.launch(revision, false).whenComplete((ok, failed) -> {
                if (revision.lifecycle.retired() || revision.count(Replica.State.READY) > 0) {
                    return;
                }
                long next = backoffMs(attempt + 1);
                if (!containers.engineAnswers()) {
                    revision.lifecycle.restarting("the Docker engine is not reachable; retrying in " + next / 1000 + " s");
                    events.info(revision.function, "Docker engine not reachable: retrying in " + next + " ms");
                }
                replaceAfter(revision, next, attempt + 1);
            });
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Removes a dead container now, or once the engine answers again. */
    private void removeWhenPossible(String containerId) {
        try {
            containers.remove(containerId);
        } catch (RuntimeException engineDown) {
            deadContainers.add(containerId);
        }
    }

    private void removeDeadContainers() {
        for (String id : List.copyOf(deadContainers)) {
            try {
                containers.remove(id);
                deadContainers.remove(id);
            } catch (RuntimeException engineStillDown) {
                return;
            }
        }
    }
}
