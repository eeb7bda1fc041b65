package dev.devserver.serving;

import java.time.Instant;
import java.util.List;

/**
 * A read-only snapshot of one function's serving state, for the API, the dev UI and `get ksvc`.
 *
 * @param manifest     it is a Knative Service applied through the Kubernetes API, not a serverless.yml function
 * @param clusterLocal label networking.knative.dev/visibility: cluster-local (no public host)
 * @param traffic      where its requests go now, as status.traffic reports it
 */
public record FunctionView(String function, String knativeService, String namespace, String url, boolean ready,
                           String reason, String latestCreatedRevision, String latestReadyRevision,
                           List<RevisionView> revisions, int containers, Instant created, boolean manifest,
                           boolean clusterLocal, List<TrafficView> traffic) {

    /** A serverless.yml function: every request to its latest ready revision. */
    public FunctionView(String function, String knativeService, String namespace, String url, boolean ready,
                        String reason, String latestCreatedRevision, String latestReadyRevision,
                        List<RevisionView> revisions, int containers, Instant created) {
        this(function, knativeService, namespace, url, ready, reason, latestCreatedRevision, latestReadyRevision,
                revisions, containers, created, false, false, named(latestReadyRevision)
                        ? List.of(new TrafficView(latestReadyRevision, true, null, 100)) : List.of());
    }

    /** Some revision of it has been ready (the latest ready one is "" until then). */
    public boolean hasReadyRevision() {
        return named(latestReadyRevision);
    }

    private static boolean named(String revision) {
        return revision != null && !revision.isEmpty();
    }
}
