package dev.devserver.deploy;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;

import java.util.List;
import java.util.Objects;

/**
 * Whether an applied Knative Service is serving what was applied, as `kn service create --wait` judges it: its
 * controller has seen this generation, the latest created revision is the latest ready one, and Ready is True; Ready
 * False is a failure with its reason; anything else is still rolling out.
 */
public record Readiness(State state, String url, String revision, String reason) {
    public enum State { READY, FAILED, PENDING }

    public static Readiness of(Service service) {
        if (service == null || service.getStatus() == null) {
            return new Readiness(State.PENDING, null, null, "no status yet");
        }
        var status = service.getStatus();
        Long generation = service.getMetadata() == null ? null : service.getMetadata().getGeneration();
        boolean observed = generation == null || Objects.equals(status.getObservedGeneration(), generation);
        Condition ready = condition(status.getConditions(), "Ready");
        String created = status.getLatestCreatedRevisionName();
        if (observed && ready != null && "False".equals(ready.getStatus())) {
            return new Readiness(State.FAILED, status.getUrl(), created, join(ready.getReason(), ready.getMessage()));
        }
        if (observed && ready != null && "True".equals(ready.getStatus()) && created != null
                && created.equals(status.getLatestReadyRevisionName())) {
            return new Readiness(State.READY, status.getUrl(), created, null);
        }
        return new Readiness(State.PENDING, status.getUrl(), created, ready == null ? "no Ready condition yet"
                : join(ready.getReason(), ready.getMessage()));
    }

    /**
     * While the service waits for its latest created revision: FAILED when that revision's own Ready is False (Knative
     * keeps the old revision serving, so the service alone may still say Ready).
     */
    public Readiness orFailed(Revision latest) {
        Condition ready = latest == null || latest.getStatus() == null ? null : condition(latest.getStatus().getConditions(), "Ready");
        if (ready != null && "False".equals(ready.getStatus())) {
            return new Readiness(State.FAILED, url, revision, join(ready.getReason(), ready.getMessage()));
        }
        return this;
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static String join(String reason, String message) {
        if (reason == null || reason.isBlank()) {
            return message == null || message.isBlank() ? "not ready" : message;
        }
        return message == null || message.isBlank() ? reason : reason + ": " + message;
    }
}
