package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * meta.k8s.io/v1 Table answers ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): what `kubectl get`
 * prints, columns chosen by the server. fabric8's model has no Table type, so this one shape is built here.
 */
final class Tables {
    private Tables() {
    }

    /** Whether the client asked for a Table (kubectl get does; kubectl apply, wait and -o yaml do not). */
    static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    static ObjectNode of(ResourceType type, List<? extends JsonNode> objects, String resourceVersion) {
        ObjectNode table = KubeJson.MAPPER.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode columns = table.putArray("columnDefinitions");
        column(columns, "Name", "string", "name", 0,
                "Name must be unique within a namespace. Cannot be updated.");
        for (ResourceType.Column c : type.columns()) {
            column(columns, c.name(), c.type(), c.format(), c.priority(), c.description());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (ResourceType.Column c : type.columns()) {
                cells.addPOJO(c.cell().apply(object));
            }
            row.set("object", object);
        }
        return table;
    }

    private static void column(ArrayNode columns, String name, String type, String format, int priority, String description) {
        columns.addObject().put("name", name).put("type", type).put("format", format).put("description", description)
                .put("priority", priority);
    }
}
