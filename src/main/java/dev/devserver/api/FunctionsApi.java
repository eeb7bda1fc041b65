package dev.devserver.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.metrics.MetricsView;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * GET /devserver/v1/functions[/:name[/logs|/metrics]]: the functions as serving's {@link FunctionView} snapshots show
 * them, with their configuration from the project (secret values never), recent requests, container output and
 * invocations per minute; logs and metrics may be unavailable (null), which the answers say.
 */
final class FunctionsApi {
    private final Supplier<Project> project;
    private final Supplier<List<FunctionView>> views;
    private final LogSearch logs;
    private final MetricsView metrics;

    FunctionsApi(Supplier<Project> project, Supplier<List<FunctionView>> views, LogSearch logs, MetricsView metrics) {
        this.project = project;
        this.views = views;
        this.logs = logs;
        this.metrics = metrics;
    }

    void list(RoutingContext ctx) {
        ApiReplies.json(ctx, Map.of("functions", summaries()));
    }

    /** Every function in one line each (the list page, and the events stream's snapshots). */
    List<Map<String, Object>> summaries() {
        Project current = project.get();
        Set<String> stored = FunctionsJson.storedSecrets(current);
        return views.get().stream().map(v -> FunctionsJson.summary(current, v, stored)).toList();
    }

    /** The function (or Knative service) the path names; else answers 404 and is empty. */
    Optional<FunctionView> find(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<FunctionView> view = views.get().stream()
                .filter(v -> v.function().equals(name) || v.knativeService().equals(name)).findFirst();
        if (view.isEmpty()) {
            ApiReplies.error(ctx, 404, "no function named " + name);
        }
        return view;
    }

    void details(RoutingContext ctx) {
        find(ctx).ifPresent(view -> {
            if (logs == null) {
                ApiReplies.json(ctx, FunctionsJson.details(project.get(), view, List.of()));
                return;
            }
            ctx.vertx().<List<ObjectNode>>executeBlocking(
                            () -> logs.search(view.function(), "service:" + view.knativeService(), null, 20), false)
                    .onSuccess(recent -> ApiReplies.json(ctx, FunctionsJson.details(project.get(), view, recent)))
                    .onFailure(e -> ApiReplies.json(ctx, FunctionsJson.details(project.get(), view, List.of())));
        });
    }

    /** The function's container output (lines with a "stream" field; request-log lines have none). */
    void containerLog(RoutingContext ctx) {
        find(ctx).ifPresent(view -> {
            if (logs == null) {
                ApiReplies.json(ctx, Map.of("lines", List.of(), "available", false));
                return;
            }
            ctx.vertx().<List<ObjectNode>>executeBlocking(() -> logs.search(view.function(), null, null, 1000), false)
                    .onSuccess(lines -> {
                        List<ObjectNode> output = lines.stream().filter(l -> l.has("stream")).toList();
                        ApiReplies.json(ctx, Map.of("lines", output.subList(Math.max(0, output.size() - 200), output.size()),
                                "available", true));
                    })
                    .onFailure(e -> ApiReplies.error(ctx, 500, e.getMessage()));
        });
    }

    void metrics(RoutingContext ctx) {
        find(ctx).ifPresent(view -> {
            int minutes;
            try {
                String given = ctx.request().getParam("minutes");
                minutes = given == null ? 480 : Integer.parseInt(given);
                if (minutes < 1 || minutes > 7 * 24 * 60) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                ApiReplies.error(ctx, 400, "minutes must be a number from 1 to " + 7 * 24 * 60);
                return;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("function", view.function());
            json.put("minutes", minutes);
            json.put("available", metrics != null);
            json.put("points", metrics == null ? List.of() : metrics.invocationsPerMinute(view.function(), minutes));
            ApiReplies.json(ctx, json);
        });
    }
}
