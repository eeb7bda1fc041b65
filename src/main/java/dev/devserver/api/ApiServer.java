package dev.devserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.manifests.AppliedServices;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.metrics.MetricsView;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * devserver's own API and dev UI, mounted on the router for its own hosts (localhost, 127.0.0.1, [::1]).
 * Reads serving through {@link FunctionView} snapshots; logs and metrics through the observe contracts, either of
 * which may be null (then the endpoints say so with 503 and the UI shows "not available").
 */
public final class ApiServer implements Handler<HttpServerRequest>, AutoCloseable {
    private final Router web;
    private final Supplier<Project> project;
    private final Supplier<List<FunctionView>> views;
    private final int port;
    private volatile int httpsPort = -1;
    private final LogSearch logs;
    private final MetricsView metrics;
    private final Invoker invoker;
    private final AppliedServices services;

    /**
     * @param routerHost the address the router binds (invoke calls go there); a wildcard means loopback
     * @param port       the router's port: own origins are http://localhost:PORT etc.
     */
    public ApiServer(Vertx vertx, Supplier<Project> project, Supplier<List<FunctionView>> views, String routerHost, int port,
                     LogSearch logs, MetricsView metrics) {
        this(vertx, project, views, routerHost, port, logs, metrics, null);
    }

    /** @param services Knative Services applied through the Kubernetes API (null: such writes are refused) */
    public ApiServer(Vertx vertx, Supplier<Project> project, Supplier<List<FunctionView>> views, String routerHost, int port,
                     LogSearch logs, MetricsView metrics, AppliedServices services) {
        this.services = services;
        this.project = project;
        this.views = views;
        this.port = port;
        this.logs = logs;
        this.metrics = metrics;
        this.invoker = new Invoker(vertx, connectable(routerHost), Duration.ofMinutes(5).toMillis());
        this.web = routes(vertx);
    }

    /** The router's HTTPS port, whose origins (https://localhost:PORT, …) are own too; -1 when HTTPS is off. */
    public ApiServer httpsPort(int newHttpsPort) {
        this.httpsPort = newHttpsPort;
        return this;
    }

    @Override
    public void handle(HttpServerRequest request) {
        web.handle(request);
    }

    private Router routes(Vertx vertx) {
        Router r = Router.router(vertx);
        UiFiles ui = new UiFiles();
        LogsApi logsApi = new LogsApi(logs);
        ActivityApi activity = new ActivityApi(logs, metrics);
        r.route().handler(new Access(() -> port, () -> httpsPort));
        r.get("/").handler(ui::index);
        r.get("/ui/*").handler(ui::file);
        r.get("/devserver/v1/functions").handler(ctx -> ApiReplies.json(ctx,
                Map.of("functions", functionSummaries())));
        r.get("/devserver/v1/functions/:name").handler(this::function);
        r.get("/devserver/v1/functions/:name/metrics").handler(this::functionMetrics);
        r.get("/devserver/v1/functions/:name/activity").handler(ctx -> find(ctx).ifPresent(v -> activity.activity(ctx, v)));
        r.get("/devserver/v1/functions/:name/logs").handler(this::containerLog);
        // No file uploads: BodyHandler would otherwise write multipart files into a folder of the user's project.
        r.post("/devserver/v1/functions/:name/invoke").handler(BodyHandler.create(false)
                .setBodyLimit(Invoker.MAX_BODY_BYTES + 64 * 1024)).handler(this::invoke);
        r.get("/devserver/v1/logs").handler(logsApi::search);
        r.get("/devserver/v1/logs/summary").handler(logsApi::summary);
        r.get("/devserver/v1/logs/stream").handler(logsApi::stream);
        r.get("/devserver/v1/events").handler(new EventsApi(this::functionSummaries, logs)::stream);
        r.get("/metrics").handler(this::scrape);
        new dev.devserver.api.kube.KubeApi(project, views, logs, services).mount(r);
        r.errorHandler(404, ctx -> ApiReplies.error(ctx, 404, "not found: " + ctx.request().path()));
        r.errorHandler(405, ctx -> ApiReplies.error(ctx, 405, "method not allowed: " + ctx.request().method()));
        r.errorHandler(413, ctx -> ApiReplies.error(ctx, 413, "request body too large"));
        r.errorHandler(500, ctx -> ApiReplies.error(ctx, 500, "internal error: " + ctx.failure()));
        return r;
    }

    private Optional<FunctionView> find(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<FunctionView> view = views.get().stream()
                .filter(v -> v.function().equals(name) || v.knativeService().equals(name)).findFirst();
        if (view.isEmpty()) {
            ApiReplies.error(ctx, 404, "no function named " + name);
        }
        return view;
    }

    private void function(RoutingContext ctx) {
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
    private void containerLog(RoutingContext ctx) {
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

    private void functionMetrics(RoutingContext ctx) {
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

    private void invoke(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        // Requiring JSON also means a cross-site page cannot send this as a "simple" request without a CORS preflight.
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            ApiReplies.error(ctx, 415, "send the invoke request as application/json: {method, path, headers, body}");
            return;
        }
        find(ctx).ifPresent(view -> {
            Invoker.Call call;
            try {
                JsonNode json = ApiReplies.JSON.readTree(ctx.body().asString());
                call = Invoker.Call.parse(json);
            } catch (IllegalArgumentException e) {
                ApiReplies.error(ctx, 400, e.getMessage());
                return;
            } catch (IOException e) {
                ApiReplies.error(ctx, 400, "the body is not JSON: " + e.getMessage());
                return;
            }
            invoker.invoke(port, URI.create(view.url()).getRawAuthority(), call)
                    .onSuccess(result -> ApiReplies.json(ctx, result))
                    .onFailure(e -> ApiReplies.error(ctx, 502, "the request through the router failed: " + e.getMessage()));
        });
    }

    private void scrape(RoutingContext ctx) {
        if (metrics == null) {
            ApiReplies.error(ctx, 503, "metrics are not available in this devserver");
            return;
        }
        ctx.vertx().executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .putHeader("Cache-Control", "no-store").end(text))
                .onFailure(e -> ApiReplies.error(ctx, 500, e.getMessage()));
    }

    private static String connectable(String bindHost) {
        if (bindHost == null || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
            return "127.0.0.1";
        }
        return bindHost;
    }

    @Override
    public void close() {
        invoker.close();
    }

    private List<Map<String, Object>> functionSummaries() {
        Project current = project.get();
        Set<String> stored = FunctionsJson.storedSecrets(current);
        return views.get().stream().map(v -> FunctionsJson.summary(current, v, stored)).toList();
    }
}
