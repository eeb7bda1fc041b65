package dev.devserver.api;

import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.metrics.MetricsView;
import dev.devserver.observe.stats.LineFields;
import dev.devserver.observe.stats.RequestSeries;
import dev.devserver.observe.stats.TimeWindow;
import dev.devserver.serving.FunctionView;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /devserver/v1/functions/:name/activity?window=auto|15m|1h|8h: the function page's charts as columns on one
 * time axis: invocations, latency p50/p95 and error rate from the request log, pods from the autoscaler's reports,
 * and the cold starts. {@code auto} picks the shortest window that shows the last 8 hours' first request.
 */
record ActivityApi(LogSearch logs, MetricsView metrics) {
    void activity(RoutingContext ctx, FunctionView view) {
        String asked = LogsApi.param(ctx, "window");
        if (asked != null && !asked.equals("auto") && !TimeWindow.PRESETS.contains(asked)) {
            ApiReplies.error(ctx, 400, "window must be auto or one of " + String.join(", ", TimeWindow.PRESETS));
            return;
        }
        ctx.vertx().executeBlocking(() -> activity(view, asked == null ? "auto" : asked, Instant.now()), false)
                .onSuccess(json -> ApiReplies.json(ctx, json))
                .onFailure(e -> ApiReplies.error(ctx, 500, e.getMessage()));
    }

    /**
     * One pass over the request log, each line counted as it is read and then dropped: the last 8 hours after a load
     * test are hundreds of thousands of lines, which kept as parsed lines filled the heap. For {@code auto}, every
     * preset's series is counted in that pass and the one that fits the oldest request is kept.
     */
    Map<String, Object> activity(FunctionView view, String asked, Instant now) {
        boolean auto = asked.equals("auto");
        Map<String, RequestSeries> candidates = new LinkedHashMap<>();
        for (String preset : auto ? TimeWindow.PRESETS : List.of(asked)) {
            candidates.put(preset, new RequestSeries(TimeWindow.preset(preset, now)));
        }
        Instant from = candidates.values().stream().map(series -> series.window().from()).min(Instant::compareTo)
                .orElseThrow();
        Instant[] oldest = {null};
        if (logs != null) {
            logs.scan(view.function(), "httpRequest.status:*", from, null, line -> {
                Instant at = LineFields.timestamp(line);
                if (at != null && !at.isBefore(from) && (oldest[0] == null || at.isBefore(oldest[0]))) {
                    oldest[0] = at;
                }
                candidates.values().forEach(series -> series.accept(line));
            });
        }
        String name = auto ? TimeWindow.fitting(now, oldest[0]) : asked;
        RequestSeries series = candidates.get(name);
        TimeWindow window = series.window();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("function", view.function());
        json.put("window", name);
        json.put("auto", auto);
        json.put("windows", TimeWindow.PRESETS);
        json.put("from", window.from());
        json.put("to", window.to());
        json.put("bucketSeconds", window.bucket().toSeconds());
        json.put("logsAvailable", logs != null);
        json.put("time", window.starts());
        json.put("invocations", series.invocations());
        json.put("errors", series.errors());
        json.put("errorRate", series.errorRate());
        json.put("p50Ms", series.latencyPercentile(50));
        json.put("p95Ms", series.latencyPercentile(95));
        json.put("pods", metrics == null ? null : metrics.pods(view.knativeService(), window));
        json.put("coldStarts", metrics == null ? List.of() : metrics.coldStarts(view.knativeService(), window.from()));
        long total = Arrays.stream(series.invocations()).sum();
        long errors = Arrays.stream(series.errors()).sum();
        json.put("totals", Map.of("invocations", total, "errors", errors,
                "errorRate", total == 0 ? 0.0 : 100.0 * errors / total,
                "p50Ms", orZero(series.overallPercentile(50)), "p95Ms", orZero(series.overallPercentile(95))));
        return json;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
