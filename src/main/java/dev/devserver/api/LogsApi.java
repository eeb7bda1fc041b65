package dev.devserver.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.query.Since;
import dev.devserver.observe.stats.LineFields;
import dev.devserver.observe.stats.LineStats;
import dev.devserver.observe.stats.TimeWindow;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /devserver/v1/logs (search), /devserver/v1/logs/summary (the histogram and field top values the logs page
 * draws) and /devserver/v1/logs/stream (live tail as Server-Sent Events). {@code from} and {@code to} bound the
 * time range (an instant or an age like {@code 15m}); {@code since} is the older name of {@code from}.
 */
final class LogsApi {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 5000;
    static final int HISTOGRAM_BUCKETS = 60;
    static final int TOP_VALUES = 5;
    /** Without a range the histogram spans the matching lines (so a burst fills it), at least this, at most a week. */
    static final Duration SHORTEST_RANGE = Duration.ofMinutes(1);
    static final Duration LONGEST_RANGE = Duration.ofDays(7);
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
        Instant until;
        int limit;
        try {
            since = since(param(ctx, "from") != null ? param(ctx, "from") : param(ctx, "since"));
            until = until(param(ctx, "to"));
            limit = limit(param(ctx, "limit"));
        } catch (IllegalArgumentException e) {
            ApiReplies.error(ctx, 400, e.getMessage());
            return;
        }
        // Reading log files blocks: keep it off the router's event loop.
        ctx.vertx().<List<ObjectNode>>executeBlocking(() -> logs.search(function, query, since, until, limit), false)
                .onSuccess(lines -> ApiReplies.json(ctx, Map.of("lines", lines)))
                .onFailure(e -> ApiReplies.error(ctx, e instanceof DevserverException ? 400 : 500, e.getMessage()));
    }

    void summary(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        Instant from;
        Instant to;
        try {
            from = since(param(ctx, "from"));
            to = until(param(ctx, "to"));
        } catch (IllegalArgumentException e) {
            ApiReplies.error(ctx, 400, e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> summary(param(ctx, "function"), param(ctx, "query"), from, to, Instant.now()), false)
                .onSuccess(json -> ApiReplies.json(ctx, json))
                .onFailure(e -> ApiReplies.error(ctx, e instanceof DevserverException ? 400 : 500, e.getMessage()));
    }

    Map<String, Object> summary(String function, String query, Instant from, Instant to, Instant now) {
        Instant end = to != null ? to : now;
        List<ObjectNode> lines = new ArrayList<>();
        logs.scan(function, query, from != null ? from : end.minus(LONGEST_RANGE), end, lines::add);
        Instant start = from;
        if (start == null) {
            Instant oldest = lines.stream().map(LineFields::timestamp).filter(t -> t != null).min(Instant::compareTo).orElse(end);
            start = oldest.isAfter(end.minus(SHORTEST_RANGE)) ? end.minus(SHORTEST_RANGE) : oldest;
        }
        LineStats stats = new LineStats(TimeWindow.spanning(start, end, HISTOGRAM_BUCKETS));
        lines.forEach(stats);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", start);
        json.put("to", end);
        json.put("bucketSeconds", stats.window().bucket().toSeconds());
        json.put("time", stats.window().starts());
        json.put("counts", stats.counts());
        json.put("total", stats.total());
        json.put("fields", stats.top(TOP_VALUES));
        return json;
    }

    void stream(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        EventsApi.follow(ctx, logs, null).ifPresent(following -> EventsApi.open(ctx, "following", following));
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

    static Instant until(String value) {
        try {
            return value == null ? null : Since.parse(value, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("to: " + e.getMessage());
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
