package dev.devserver.api.kube;

import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Events for `kubectl describe ksvc`: what Knative's controllers would have said, rebuilt from serving's view — a
 * Created event per revision and a Warning for a failed one, involving the Service.
 */
final class EventObjects {
    private EventObjects() {
    }

    static List<Event> of(FunctionView view) {
        List<Event> events = new ArrayList<>();
        for (RevisionView r : view.revisions()) {
            events.add(event(view, r, "Normal", "Created", "Created Revision \"" + r.name() + "\""));
            if (!r.ready() && r.failure() != null) {
                events.add(event(view, r, "Warning", "RevisionFailed", "Revision \"" + r.name() + "\" failed: " + r.failure()));
            }
        }
        return events;
    }

    private static Event event(FunctionView view, RevisionView r, String type, String reason, String message) {
        String name = view.knativeService() + "." + reason.toLowerCase() + "." + r.name();
        String time = KnativeObjects.timestamp(r.created());
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(view.namespace())
                .withUid(KnativeObjects.uid("Event", view.namespace(), name)).withCreationTimestamp(time).endMetadata()
                .withNewInvolvedObject().withApiVersion("serving.knative.dev/v1").withKind("Service")
                .withName(view.knativeService()).withNamespace(view.namespace())
                .withUid(KnativeObjects.uid("Service", view.namespace(), view.knativeService())).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(time).withLastTimestamp(time)
                .withNewSource().withComponent("service-controller").endSource()
                .build();
        return KnativeObjects.versioned(event);
    }
}
