package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of object the API serves: its discovery entry and its printer columns (a CRD's additionalPrinterColumns,
 * or the columns kube-apiserver prints for a built-in kind).
 */
record ResourceType(String group, String version, String plural, String singular, String kind, boolean namespaced,
                    List<String> verbs, List<String> shortNames, List<String> categories, List<Column> columns) {
    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> ALL = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    /** {@code secrets} for the core group, {@code services.serving.knative.dev} otherwise, as in Status messages. */
    String qualified() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The path prefix of the group-version: {@code /api/v1} or {@code /apis/serving.knative.dev/v1}. */
    String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /**
     * @param priority 0 for the default columns, 1 for those `-o wide` adds
     * @param cell     the column's value for an object (its JSON)
     */
    record Column(String name, String type, String format, int priority, String description, Function<JsonNode, Object> cell) {
        static Column of(String name, String type, String description, Function<JsonNode, Object> cell) {
            return new Column(name, type, "", 0, description, cell);
        }

        static Column wide(String name, String type, String description, Function<JsonNode, Object> cell) {
            return new Column(name, type, "", 1, description, cell);
        }
    }

    /** The first condition of this type's field, e.g. the Ready condition's status: "" when absent. */
    static Object condition(JsonNode object, String type, String field) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition.path(field).asText("");
            }
        }
        return "";
    }

    static Object text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.isNumber() ? node.numberValue() : node.asText();
    }

    /** kubectl's "age" cells: creationTimestamp turned into 5m, 3h, 2d… by the server, as kube-apiserver does. */
    static Object age(JsonNode object) {
        String created = object.path("metadata").path("creationTimestamp").asText(null);
        if (created == null) {
            return "<unknown>";
        }
        long seconds = Duration.between(Instant.parse(created), Instant.now()).getSeconds();
        return HumanDuration.of(Math.max(0, seconds));
    }
}
