package dev.devserver.serving;

import java.util.List;

/**
 * One entry of a Knative Service's {@code spec.traffic}: a share of the service's requests, and/or a tag whose own
 * host {@code <tag>-<service>.<namespace>.<domain>} reaches this target alone.
 *
 * @param revision the revision it names, or null for the latest ready revision ({@code latestRevision: true})
 * @param tag      null when untagged
 * @param percent  0 to 100; the service's targets add up to 100
 */
public record TrafficTarget(String revision, String tag, int percent) {
    /** Every request to the latest ready revision: serverless.yml functions, and Knative's default. */
    public static final List<TrafficTarget> LATEST = List.of(new TrafficTarget(null, null, 100));

    public boolean latest() {
        return revision == null;
    }
}
