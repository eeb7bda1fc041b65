package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** get, list and watch of one resource type: label and field selectors, Table answers, streamed watches. */
record Reads(ResourceType type, ObjectSource source) {
    /** The object named in the path, in the path's namespace. */
    Optional<ObjectNode> find(String namespace, String name) {
        return source.list(namespace).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<ObjectNode> object = find(ctx.pathParam("namespace"), name);
        if (object.isEmpty()) {
            KubeReplies.notFound(ctx, type, name);
        } else if (Tables.wanted(ctx.request().getHeader("Accept"))) {
            KubeReplies.json(ctx, Tables.of(type, List.of(object.get()), version(object.get())));
        } else {
            KubeReplies.json(ctx, object.get());
        }
    }

    void list(RoutingContext ctx) {
        String namespace = ctx.pathParam("namespace");
        Predicate<JsonNode> selected;
        try {
            selected = Selector.labels(ctx.request().getParam("labelSelector"))
                    .and(Selector.fields(ctx.request().getParam("fieldSelector")));
        } catch (IllegalArgumentException e) {
            KubeReplies.badRequest(ctx, e.getMessage());
            return;
        }
        boolean table = Tables.wanted(ctx.request().getHeader("Accept"));
        String watch = ctx.request().getParam("watch");
        if ("true".equals(watch) || "1".equals(watch)) {
            String from = ctx.request().getParam("resourceVersion");
            Watch.stream(ctx, type, () -> source.list(namespace).stream().filter(selected).toList(), table,
                    from == null || from.isEmpty() || from.equals("0"), timeout(ctx));
            return;
        }
        List<ObjectNode> items = source.list(namespace).stream().filter(selected).toList();
        String version = listVersion(items);
        if (table) {
            KubeReplies.json(ctx, Tables.of(type, items, version));
            return;
        }
        ObjectNode list = KubeJson.MAPPER.createObjectNode();
        list.put("apiVersion", type.apiVersion());
        list.put("kind", type.kind() + "List");
        list.putObject("metadata").put("resourceVersion", version);
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        KubeReplies.json(ctx, list);
    }

    private static long timeout(RoutingContext ctx) {
        try {
            String given = ctx.request().getParam("timeoutSeconds");
            return given == null ? 1800 : Math.max(1, Long.parseLong(given));
        } catch (NumberFormatException e) {
            return 1800;
        }
    }

    static String version(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asText("");
    }

    /** A list's resourceVersion changes whenever any of its objects does. */
    static String listVersion(List<ObjectNode> items) {
        ArrayNode versions = KubeJson.MAPPER.createArrayNode();
        items.forEach(i -> versions.add(version(i)));
        return KubeJson.contentVersion(versions);
    }
}
