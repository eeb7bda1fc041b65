package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A watch: newline-delimited {@code {"type":"ADDED|MODIFIED|DELETED","object":…}} on a chunked response. devserver's
 * objects are computed, not stored, so the watch compares snapshots a few times a second and sends what changed
 * (by resourceVersion, a digest of each object's content).
 */
final class Watch {
    private static final long POLL_MS = 250;

    private Watch() {
    }

    /**
     * @param initial send every current object as ADDED first (a watch without a resourceVersion, or from "0"); kubectl
     *                get -w and wait list first and then watch from the list's version, so they get changes only
     */
    static void stream(RoutingContext ctx, ResourceType type, Supplier<List<ObjectNode>> current, boolean table,
                       boolean initial, long timeoutSeconds) {
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store");
        Map<String, ObjectNode> seen = new HashMap<>();
        ctx.vertx().<List<ObjectNode>>executeBlocking(current::get, false).onSuccess(first -> {
            first.forEach(o -> seen.put(key(o), o));
            if (initial) {
                first.forEach(o -> send(response, type, "ADDED", o, table));
            }
            long timer = ctx.vertx().setPeriodic(POLL_MS, id -> ctx.vertx().<List<ObjectNode>>executeBlocking(current::get, true)
                    .onSuccess(now -> diff(response, type, table, seen, now)));
            long deadline = ctx.vertx().setTimer(timeoutSeconds * 1000, id -> {
                ctx.vertx().cancelTimer(timer);
                if (!response.ended()) {
                    response.end();
                }
            });
            response.closeHandler(v -> {
                ctx.vertx().cancelTimer(timer);
                ctx.vertx().cancelTimer(deadline);
            });
            response.write(""); // sends the headers now: clients wait for them before they report the watch as open
        }).onFailure(e -> KubeReplies.failure(ctx, 500, "InternalError", e.getMessage(), null));
    }

    private static void diff(HttpServerResponse response, ResourceType type, boolean table, Map<String, ObjectNode> seen,
                             List<ObjectNode> now) {
        if (response.ended() || response.closed()) {
            return;
        }
        Map<String, ObjectNode> next = new LinkedHashMap<>();
        now.forEach(o -> next.put(key(o), o));
        for (Map.Entry<String, ObjectNode> e : next.entrySet()) {
            ObjectNode before = seen.get(e.getKey());
            if (before == null) {
                send(response, type, "ADDED", e.getValue(), table);
            } else if (!Reads.version(before).equals(Reads.version(e.getValue()))) {
                send(response, type, "MODIFIED", e.getValue(), table);
            }
        }
        seen.forEach((k, o) -> {
            if (!next.containsKey(k)) {
                send(response, type, "DELETED", o, table);
            }
        });
        seen.clear();
        seen.putAll(next);
    }

    private static void send(HttpServerResponse response, ResourceType type, String event, ObjectNode object, boolean table) {
        ObjectNode line = KubeJson.MAPPER.createObjectNode();
        line.put("type", event);
        line.set("object", table ? Tables.of(type, List.of(object), Reads.version(object)) : object);
        response.write(line + "\n");
    }

    private static String key(ObjectNode o) {
        return o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText();
    }
}
