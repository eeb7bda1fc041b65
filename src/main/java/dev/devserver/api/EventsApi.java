package dev.devserver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.devserver.DevserverException;
import dev.devserver.observe.logs.LogSearch;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * GET /devserver/v1/events: the dev UI's one live connection (Server-Sent Events), so pages redraw when something
 * happened instead of polling. {@code event: functions} carries the function list whenever it changed (serving's
 * state is computed, so the server compares snapshots each second: one comparison per open page, not a request);
 * with {@code lines=1}, {@code event: line} carries each new log line of {@code function} matching {@code query}.
 */
final class EventsApi {
    static final long CHANGE_CHECK_MS = 1000;
    private static final long KEEP_ALIVE_MS = 15_000;

    private final Supplier<List<Map<String, Object>>> functions;
    private final LogSearch logs;

    EventsApi(Supplier<List<Map<String, Object>>> functions, LogSearch logs) {
        this.functions = functions;
        this.logs = logs;
    }

    void stream(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        Optional<AutoCloseable> tail = "1".equals(LogsApi.param(ctx, "lines")) && logs != null
                ? follow(ctx, logs, "line") : Optional.of(() -> { });
        if (tail.isEmpty()) {
            return;
        }
        AtomicLong changes = new AtomicLong(-1);
        open(ctx, "events", () -> {
            ctx.vertx().cancelTimer(changes.get());
            tail.get().close();
        });
        AtomicReference<String> shown = new AtomicReference<>("");
        changes.set(ctx.vertx().setPeriodic(0, CHANGE_CHECK_MS, id -> ctx.vertx()
                .executeBlocking(() -> ApiReplies.JSON.writeValueAsString(Map.of("functions", functions.get())), false)
                .onSuccess(json -> {
                    if (!json.equals(shown.getAndSet(json))) {
                        write(response, "functions", json);
                    }
                })));
    }

    /**
     * Follows the new log lines of the request's {@code function} matching its {@code query}, each sent as an
     * {@code event} (null: the default event); empty, having answered 400, when the query does not parse.
     */
    static Optional<AutoCloseable> follow(RoutingContext ctx, LogSearch logs, String event) {
        HttpServerResponse response = ctx.response();
        Context context = ctx.vertx().getOrCreateContext();
        try {
            return Optional.of(logs.follow(LogsApi.param(ctx, "function"), LogsApi.param(ctx, "query"),
                    line -> context.runOnContext(v -> send(response, event, line))));
        } catch (DevserverException e) {
            ApiReplies.error(ctx, 400, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Starts a Server-Sent Events answer (never cached, never buffered by a proxy) with a {@code comment} line, and
     * a comment every 15 s that keeps idle proxies and the browser from timing it out; when the connection closes,
     * the keep-alive stops and {@code onClose} runs.
     */
    static void open(RoutingContext ctx, String comment, AutoCloseable onClose) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        response.write(": " + comment + "\n\n");
        long keepAlive = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, id -> write(response, null, null));
        response.closeHandler(v -> {
            ctx.vertx().cancelTimer(keepAlive);
            try {
                onClose.close();
            } catch (Exception ignored) {
                // the follower is going away with the connection; nothing left to tell anyone
            }
        });
    }

    /** One event; JSON never contains a raw newline, so one data: line is enough. */
    static void send(HttpServerResponse response, String event, Object body) {
        try {
            write(response, event, ApiReplies.JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            write(response, null, null);
        }
    }

    /**
     * A null event is the default ("message") event; null data is a comment, which keeps idle proxies and the
     * browser from timing the stream out.
     */
    static void write(HttpServerResponse response, String event, String data) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.write(data == null ? ": keep-alive\n\n" : (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n");
    }
}
