package dev.devserver.serving;

/**
 * A traffic target as Knative's {@code status.traffic} reports it: the revision it resolves to now (empty while the
 * latest has none ready), and whether it follows the latest ready revision.
 */
public record TrafficView(String revision, boolean latestRevision, String tag, int percent) {
}
