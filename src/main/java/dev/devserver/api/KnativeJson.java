package dev.devserver.api;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions as Knative serving.knative.dev/v1 objects, the shape `kubectl get ksvc -o yaml` shows on a cluster,
 * so scripts and `devserver get` read the same fields locally.
 */
final class KnativeJson {
    static final String API_VERSION = "serving.knative.dev/v1";

    private KnativeJson() {
    }

    static Map<String, Object> list(String kind, List<Map<String, Object>> items) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apiVersion", API_VERSION);
        json.put("kind", kind);
        json.put("metadata", Map.of());
        json.put("items", items);
        return json;
    }

    static Map<String, Object> service(Project project, FunctionView view) {
        Map<String, Object> metadata = metadata(view.knativeService(), view.namespace(), view.created(),
                Map.of("service", project.service() == null ? view.knativeService() : project.service()));
        String image = view.revisions().isEmpty() ? null : view.revisions().get(view.revisions().size() - 1).image();
        Map<String, Object> template = Map.of(
                "metadata", Map.of("annotations", Map.of("Description", description(project, view))),
                "spec", Map.of("containers", image == null ? List.of() : List.of(Map.of("image", image))));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("url", view.url());
        status.put("latestCreatedRevisionName", view.latestCreatedRevision());
        status.put("latestReadyRevisionName", view.latestReadyRevision());
        status.put("conditions", List.of(ready(view.ready(), view.reason(),
                view.reason() != null && view.reason().startsWith("build failed") ? "BuildFailed" : "RevisionFailed")));
        return object("Service", metadata, Map.of("template", template), status);
    }

    static Map<String, Object> revision(FunctionView function, RevisionView r) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("serving.knative.dev/service", r.knativeService());
        labels.put("serving.knative.dev/configuration", r.knativeService());
        labels.put("serving.knative.dev/configurationGeneration", String.valueOf(generation(r.name())));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("actualReplicas", r.containers());
        status.put("conditions", List.of(ready(r.ready(), r.failure(), "RevisionFailed")));
        return object("Revision", metadata(r.name(), function.namespace(), r.created(), labels),
                Map.of("containers", r.image() == null ? List.of() : List.of(Map.of("image", r.image()))), status);
    }

    /** Knative names revisions {@code <configuration>-<5-digit generation>}. */
    static long generation(String revisionName) {
        int dash = revisionName.lastIndexOf('-');
        try {
            return Long.parseLong(revisionName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** gitlabktl/tm put "service description, newline, function description" on the revision template. */
    private static String description(Project project, FunctionView view) {
        String function = project.function(view.function()).map(FunctionSpec::description).orElse(null);
        String service = project.description();
        if (service == null || service.isBlank()) {
            return function == null ? "" : function;
        }
        return function == null || function.isBlank() ? service : service + "\n" + function;
    }

    /** Knative's Ready condition: True, False with a reason, or Unknown while deploying. */
    private static Map<String, Object> ready(boolean ready, String problem, String failedReason) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        if (ready) {
            condition.put("status", "True");
        } else if (problem == null || problem.isBlank()) {
            condition.put("status", "Unknown");
            condition.put("reason", "Deploying");
        } else {
            condition.put("status", "False");
            condition.put("reason", failedReason);
            condition.put("message", problem);
        }
        return condition;
    }

    private static Map<String, Object> metadata(String name, String namespace, Instant created, Map<String, Object> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", labels);
        // Kubernetes timestamps have second precision.
        metadata.put("creationTimestamp", created == null ? null : created.truncatedTo(ChronoUnit.SECONDS));
        return metadata;
    }

    private static Map<String, Object> object(String kind, Map<String, Object> metadata, Map<String, Object> spec,
                                              Map<String, Object> status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apiVersion", API_VERSION);
        json.put("kind", kind);
        json.put("metadata", metadata);
        json.put("spec", spec);
        json.put("status", status);
        return json;
    }
}
