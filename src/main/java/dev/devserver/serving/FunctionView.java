package dev.devserver.serving;

import java.time.Instant;
import java.util.List;

/** A read-only snapshot of one function's serving state, for the API, the dev UI and `get ksvc`. */
public record FunctionView(String function, String knativeService, String namespace, String url, boolean ready,
                           String reason, String latestCreatedRevision, String latestReadyRevision,
                           List<RevisionView> revisions, int containers, Instant created) {
}
