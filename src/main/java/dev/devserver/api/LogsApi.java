package dev.devserver.api;

import dev.devserver.DevserverException;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.logs.NewestLines;
import dev.devserver.observe.query.Since;
import dev.devserver.observe.stats.LineStats;
import dev.devserver.observe.stats.TimeWindow;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /devserver/v1/logs (search; with {@code summary=1} also the summary, from the same scan: the logs page's one
 * request), /devserver/v1/logs/summary (the histogram and field top values the logs page draws; again on live-tail
 * lines) and /devserver/v1/logs/stream (live tail as Server-Sent Events). {@code from} and {@code to} bound the
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
        boolean withSummary = "1".equals(param(ctx, "summary"));
        // Reading log files blocks: keep it off the router's event loop.
        ctx.vertx().executeBlocking(() -> withSummary ? page(function, query, since, until, limit, Instant.now())
                        : Map.of("lines", logs.search(function, query, since, until, limit)), false)
                .onSuccess(json -> ApiReplies.json(ctx, json))
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

    /**
     * The logs page's one read ({@code summary=1}): the newest {@code limit} matching lines and the summary of all of
     * them, from one scan of the files; both cover the summary's range (at most {@link #LONGEST_RANGE} back).
     */
    Map<String, Object> page(String function, String query, Instant from, Instant to, int limit, Instant now) {
        Instant end = to != null ? to : now;
        NewestLines newest = new NewestLines(limit);
        LineStats stats = new LineStats();
        logs.scan(function, query, from != null ? from : end.minus(LONGEST_RANGE), end, newest.andThen(stats));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", newest.lines());
        json.put("summary", summary(stats, from, end));
        return json;
    }

    Map<String, Object> summary(String function, String query, Instant from, Instant to, Instant now) {
        Instant end = to != null ? to : now;
        LineStats stats = new LineStats();
        logs.scan(function, query, from != null ? from : end.minus(LONGEST_RANGE), end, stats);
        return summary(stats, from, end);
    }

    /** Without {@code from} the histogram starts at the oldest matching line (so a burst fills it). */
    private static Map<String, Object> summary(LineStats stats, Instant from, Instant end) {
        Instant start = from;
        if (start == null) {
            Instant oldest = stats.oldest().orElse(end);
            start = oldest.isAfter(end.minus(SHORTEST_RANGE)) ? end.minus(SHORTEST_RANGE) : oldest;
        }
        TimeWindow window = TimeWindow.spanning(start, end, HISTOGRAM_BUCKETS);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", start);
        json.put("to", end);
        json.put("bucketSeconds", window.bucket().toSeconds());
        json.put("time", window.starts());
        json.put("counts", stats.counts(window));
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
