package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static dev.devserver.api.kube.ResourceType.Column;
import static dev.devserver.api.kube.ResourceType.condition;
import static dev.devserver.api.kube.ResourceType.text;

/**
 * The resource types devserver serves, with Knative's short names, categories and printer columns (from its CRDs,
 * config/core/300-resources) and kube-apiserver's columns for the core kinds.
 */
final class Catalog {
    static final String KNATIVE = "serving.knative.dev";
    private static final List<String> KNATIVE_CATEGORIES = List.of("all", "knative", "serving");
    private static final String READY = "Ready condition status. True = ready, False = failed, Unknown = in progress";

    static final ResourceType SERVICES = new ResourceType(KNATIVE, "v1", "services", "service", "Service", true,
            ResourceType.ALL, List.of("kservice", "ksvc"), KNATIVE_CATEGORIES, List.of(
            Column.of("URL", "string", "The service's URL", o -> text(o.path("status").path("url"))),
            Column.of("LatestCreated", "string", "Latest revision created",
                    o -> text(o.path("status").path("latestCreatedRevisionName"))),
            Column.of("LatestReady", "string", "Latest revision ready", o -> text(o.path("status").path("latestReadyRevisionName"))),
            Column.of("Ready", "string", READY, o -> condition(o, "Ready", "status")),
            Column.of("Reason", "string", "Why it is not ready", o -> condition(o, "Ready", "reason"))));

    static final ResourceType CONFIGURATIONS = new ResourceType(KNATIVE, "v1", "configurations", "configuration",
            "Configuration", true, ResourceType.READ, List.of("config", "cfg"), KNATIVE_CATEGORIES, List.of(
            Column.of("LatestCreated", "string", "Latest revision created",
                    o -> text(o.path("status").path("latestCreatedRevisionName"))),
            Column.of("LatestReady", "string", "Latest revision ready", o -> text(o.path("status").path("latestReadyRevisionName"))),
            Column.of("Ready", "string", READY, o -> condition(o, "Ready", "status")),
            Column.of("Reason", "string", "Why it is not ready", o -> condition(o, "Ready", "reason"))));

    static final ResourceType REVISIONS = new ResourceType(KNATIVE, "v1", "revisions", "revision", "Revision", true,
            ResourceType.READ, List.of("rev"), KNATIVE_CATEGORIES, List.of(
            Column.of("Config Name", "string", "Its configuration", o -> label(o, "serving.knative.dev/configuration")),
            Column.of("Generation", "string", "The configuration's generation",
                    o -> label(o, "serving.knative.dev/configurationGeneration")),
            Column.of("Ready", "string", READY, o -> condition(o, "Ready", "status")),
            Column.of("Reason", "string", "Why it is not ready", o -> condition(o, "Ready", "reason")),
            Column.of("Actual Replicas", "integer", "Containers running", o -> text(o.path("status").path("actualReplicas"))),
            Column.of("Desired Replicas", "integer", "Containers wanted", o -> text(o.path("status").path("desiredReplicas")))));

    static final ResourceType ROUTES = new ResourceType(KNATIVE, "v1", "routes", "route", "Route", true,
            ResourceType.READ, List.of("rt"), KNATIVE_CATEGORIES, List.of(
            Column.of("URL", "string", "The route's URL", o -> text(o.path("status").path("url"))),
            Column.of("Ready", "string", READY, o -> condition(o, "Ready", "status")),
            Column.of("Reason", "string", "Why it is not ready", o -> condition(o, "Ready", "reason"))));

    static final ResourceType SECRETS = new ResourceType("", "v1", "secrets", "secret", "Secret", true,
            ResourceType.ALL, List.of(), List.of(), List.of(
            Column.of("Type", "string", "The secret's type", o -> text(o.path("type"))),
            Column.of("Data", "string", "Number of keys", o -> o.path("data").size()),
            Column.of("Age", "string", "Since its creation", ResourceType::age)));

    static final ResourceType NAMESPACES = new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false,
            List.of("get", "list", "watch"), List.of("ns"), List.of(), List.of(
            Column.of("Status", "string", "The namespace's phase", o -> text(o.path("status").path("phase"))),
            Column.of("Age", "string", "Since its creation", ResourceType::age)));

    static final ResourceType PODS = new ResourceType("", "v1", "pods", "pod", "Pod", true,
            ResourceType.READ, List.of("po"), List.of("all"), List.of(
            Column.of("Ready", "string", "Ready containers / containers", Catalog::readyContainers),
            Column.of("Status", "string", "The pod's phase", o -> text(o.path("status").path("phase"))),
            Column.of("Restarts", "string", "Container restarts", o -> o.path("status").path("containerStatuses").path(0)
                    .path("restartCount").asInt()),
            Column.of("Age", "string", "Since its creation", ResourceType::age),
            Column.wide("IP", "string", "The pod's address", o -> text(o.path("status").path("podIP"))),
            Column.wide("Node", "string", "Where it runs", o -> text(o.path("spec").path("nodeName")))));

    static final ResourceType EVENTS = new ResourceType("", "v1", "events", "event", "Event", true,
            ResourceType.READ, List.of("ev"), List.of(), List.of(
            Column.of("Last Seen", "string", "When it last happened", o -> ResourceType.age(o)),
            Column.of("Type", "string", "Normal or Warning", o -> text(o.path("type"))),
            Column.of("Reason", "string", "Why", o -> text(o.path("reason"))),
            Column.of("Object", "string", "What it is about", o -> o.path("involvedObject").path("kind").asText().toLowerCase()
                    + "/" + o.path("involvedObject").path("name").asText()),
            Column.of("Message", "string", "What happened", o -> text(o.path("message")))));

    static final List<ResourceType> CORE = List.of(NAMESPACES, SECRETS, PODS, EVENTS);
    static final List<ResourceType> SERVING = List.of(SERVICES, CONFIGURATIONS, REVISIONS, ROUTES);

    private Catalog() {
    }

    private static Object label(JsonNode o, String key) {
        return text(o.path("metadata").path("labels").path(key));
    }

    private static Object readyContainers(JsonNode pod) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        int ready = 0;
        for (JsonNode s : statuses) {
            ready += s.path("ready").asBoolean() ? 1 : 0;
        }
        return ready + "/" + statuses.size();
    }
}
