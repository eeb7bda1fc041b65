package dev.devserver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.query.Since;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET /devserver/v1/logs (search) and /devserver/v1/logs/stream (live tail as Server-Sent Events). */
final class LogsApi {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 5000;
    private final LogSearch logs;

    LogsApi(LogSearch logs) {
        this.logs = logs;
    }

    void search(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        String query = param(ctx, "query");
        String function = param(ctx, "function");
        Instant since;
        int limit;
        try {
            since = since(param(ctx, "since"));
            limit = limit(param(ctx, "limit"));
        } catch (IllegalArgumentException e) {
            ApiReplies.error(ctx, 400, e.getMessage());
            return;
        }
        // Reading log files blocks: keep it off the router's event loop.
        ctx.vertx().<List<ObjectNode>>executeBlocking(() -> logs.search(function, query, since, limit), false)
                .onSuccess(lines -> ApiReplies.json(ctx, Map.of("lines", lines)))
                .onFailure(e -> ApiReplies.error(ctx, e instanceof DevserverException ? 400 : 500, e.getMessage()));
    }

    void stream(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        HttpServerResponse response = ctx.response();
        Context context = ctx.vertx().getOrCreateContext();
        AutoCloseable handle;
        try {
            handle = logs.follow(param(ctx, "function"), param(ctx, "query"),
                    line -> context.runOnContext(v -> send(response, line)));
        } catch (DevserverException e) {
            ApiReplies.error(ctx, 400, e.getMessage());
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        response.write(": following\n\n");
        // Comments keep idle proxies and the browser from timing the stream out.
        long timer = ctx.vertx().setPeriodic(15_000, id -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            try {
                handle.close();
            } catch (Exception ignored) {
                // the follower is going away with the connection; nothing left to tell anyone
            }
        });
    }

    private static void send(HttpServerResponse response, ObjectNode line) {
        if (response.closed() || response.ended()) {
            return;
        }
        try {
            // One JSON object per event; JSON never contains a raw newline, so one data: line is enough.
            response.write("data: " + ApiReplies.JSON.writeValueAsString(line) + "\n\n");
        } catch (JsonProcessingException e) {
            response.write(": unencodable line skipped\n\n");
        }
    }

    private boolean unavailable(RoutingContext ctx) {
        if (logs == null) {
            ApiReplies.error(ctx, 503, "log search is not available in this devserver");
            return true;
        }
        return false;
    }

    static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    static Instant since(String value) {
        try {
            return value == null ? null : Since.parse(value, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("since: " + e.getMessage());
        }
    }

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number from 1 to " + MAX_LIMIT);
        }
    }
}
