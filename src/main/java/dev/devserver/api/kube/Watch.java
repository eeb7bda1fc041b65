package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A watch: {@code {"type":"ADDED|MODIFIED|DELETED","object":…}} events, newline-delimited on a chunked response or
 * one per message on a WebSocket. devserver's objects are computed, not stored, so the watch compares snapshots a few
 * times a second and sends what changed (by resourceVersion, a digest of each object's content).
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
        if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            ctx.request().toWebSocket().onSuccess(socket -> run(ctx, new SocketSink(socket), type, current, table, initial,
                    timeoutSeconds));
        } else {
            run(ctx, new ChunkedSink(ctx.response()), type, current, table, initial, timeoutSeconds);
        }
    }

    private static void run(RoutingContext ctx, Sink sink, ResourceType type, Supplier<List<ObjectNode>> current,
                            boolean table, boolean initial, long timeoutSeconds) {
        Map<String, ObjectNode> seen = new HashMap<>();
        ctx.vertx().<List<ObjectNode>>executeBlocking(current::get, false).onSuccess(first -> {
            first.forEach(o -> seen.put(key(o), o));
            if (initial) {
                first.forEach(o -> send(sink, type, "ADDED", o, table));
            }
            long timer = ctx.vertx().setPeriodic(POLL_MS, id -> ctx.vertx().<List<ObjectNode>>executeBlocking(current::get, true)
                    .onSuccess(now -> diff(sink, type, table, seen, now)));
            long deadline = ctx.vertx().setTimer(timeoutSeconds * 1000, id -> {
                ctx.vertx().cancelTimer(timer);
                sink.end();
            });
            sink.onClose(() -> {
                ctx.vertx().cancelTimer(timer);
                ctx.vertx().cancelTimer(deadline);
            });
            sink.open();
        }).onFailure(e -> KubeReplies.failure(ctx, 500, "InternalError", e.getMessage(), null));
    }

    private static void diff(Sink sink, ResourceType type, boolean table, Map<String, ObjectNode> seen,
                             List<ObjectNode> now) {
        if (sink.closed()) {
            return;
        }
        Map<String, ObjectNode> next = new LinkedHashMap<>();
        now.forEach(o -> next.put(key(o), o));
        for (Map.Entry<String, ObjectNode> e : next.entrySet()) {
            ObjectNode before = seen.get(e.getKey());
            if (before == null) {
                send(sink, type, "ADDED", e.getValue(), table);
            } else if (!Reads.version(before).equals(Reads.version(e.getValue()))) {
                send(sink, type, "MODIFIED", e.getValue(), table);
            }
        }
        seen.forEach((k, o) -> {
            if (!next.containsKey(k)) {
                send(sink, type, "DELETED", o, table);
            }
        });
        seen.clear();
        seen.putAll(next);
    }

    private static void send(Sink sink, ResourceType type, String event, ObjectNode object, boolean table) {
        ObjectNode line = KubeJson.MAPPER.createObjectNode();
        line.put("type", event);
        line.set("object", table ? Tables.of(type, List.of(object), Reads.version(object)) : object);
        sink.send(line.toString());
    }

    /** Where the events go: kubectl reads a chunked response, fabric8 (and client-go's websocket watch) messages. */
    private interface Sink {
        /** The watch is established: clients wait for this before they report it open. */
        void open();

        void send(String event);

        boolean closed();

        void end();

        void onClose(Runnable closed);
    }

    private record ChunkedSink(HttpServerResponse response) implements Sink {
        ChunkedSink {
            response.setChunked(true).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store");
        }

        public void open() {
            response.write(""); // sends the headers now
        }

        public void send(String event) {
            response.write(event + "\n");
        }

        public boolean closed() {
            return response.ended() || response.closed();
        }

        public void end() {
            if (!response.ended()) {
                response.end();
            }
        }

        public void onClose(Runnable closed) {
            response.closeHandler(v -> closed.run());
        }
    }

    /** One watch event per text message, as the Kubernetes API server sends them over a WebSocket. */
    private record SocketSink(ServerWebSocket socket) implements Sink {
        public void open() {
        }

        public void send(String event) {
            socket.writeTextMessage(event);
        }

        public boolean closed() {
            return socket.isClosed();
        }

        public void end() {
            if (!socket.isClosed()) {
                socket.close();
            }
        }

        public void onClose(Runnable closed) {
            socket.closeHandler(v -> closed.run());
        }
    }

    private static String key(ObjectNode o) {
        return o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText();
    }
}
