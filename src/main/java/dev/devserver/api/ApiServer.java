package dev.devserver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.devserver.api.kube.KubeApi;
import dev.devserver.manifests.AppliedServices;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.metrics.MetricsView;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * devserver's own API and dev UI, mounted on the router for its own hosts (localhost, 127.0.0.1, [::1]): the route
 * table, one class per group behind it (the UI's files, functions, invoke, logs, events, activity, the Prometheus
 * scrape, the Kubernetes API). Reads serving through {@link FunctionView} snapshots; logs and metrics through the
 * observe contracts, either of which may be null (then the endpoints say so with 503 and the UI shows "not available").
 */
public final class ApiServer implements Handler<HttpServerRequest>, AutoCloseable {
    /** Lines of each log read the warm-up takes ({@link SampledLogs}): enough for its loops to be compiled. */
    private static final int WARM_UP_LINES = 5_000;
    private final Vertx vertx;
    private final Router web;
    private final InvokeApi invoke;
    private final Runnable warmUp;

    /**
     * @param routerHost the address the router binds (invoke calls go there); a wildcard means loopback
     * @param port       the router's port: own origins are http://localhost:PORT etc.
     * @param httpsPort  the router's HTTPS port, whose origins (https://localhost:PORT, …) are own too; -1 when off
     * @param services   Knative Services applied through the Kubernetes API (null: such writes are refused)
     */
    public ApiServer(Vertx vertx, Supplier<Project> project, Supplier<List<FunctionView>> views, String routerHost, int port,
                     IntSupplier httpsPort, LogSearch logs, MetricsView metrics, AppliedServices services) {
        this.vertx = vertx;
        FunctionsApi functions = new FunctionsApi(project, views, logs, metrics);
        this.invoke = new InvokeApi(vertx, functions, routerHost, port);
        this.web = Router.router(vertx);
        UiFiles ui = new UiFiles();
        LogsApi logsApi = new LogsApi(logs);
        ActivityApi activity = new ActivityApi(logs, metrics);
        web.route().handler(new Access(() -> port, httpsPort));
        web.get("/").handler(ui::index);
        web.get("/ui/*").handler(ui::file);
        web.get("/devserver/v1/functions").handler(functions::list);
        web.get("/devserver/v1/functions/:name").handler(functions::details);
        web.get("/devserver/v1/functions/:name/metrics").handler(functions::metrics);
        web.get("/devserver/v1/functions/:name/activity").handler(ctx -> functions.find(ctx).ifPresent(v -> activity.activity(ctx, v)));
        web.get("/devserver/v1/functions/:name/logs").handler(functions::containerLog);
        // No file uploads: BodyHandler would otherwise write multipart files into a folder of the user's project.
        web.post("/devserver/v1/functions/:name/invoke").handler(BodyHandler.create(false)
                .setBodyLimit(Invoker.MAX_BODY_BYTES + 64 * 1024)).handler(invoke::invoke);
        web.get("/devserver/v1/logs").handler(logsApi::search);
        web.get("/devserver/v1/logs/summary").handler(logsApi::summary);
        web.get("/devserver/v1/logs/stream").handler(logsApi::stream);
        web.get("/devserver/v1/events").handler(new EventsApi(functions::summaries, logs)::stream);
        web.get("/metrics").handler(new ScrapeApi(metrics)::scrape);
        new KubeApi(project, views, logs, services).mount(web);
        web.errorHandler(404, ctx -> ApiReplies.error(ctx, 404, "not found: " + ctx.request().path()));
        web.errorHandler(405, ctx -> ApiReplies.error(ctx, 405, "method not allowed: " + ctx.request().method()));
        web.errorHandler(413, ctx -> ApiReplies.error(ctx, 413, "request body too large"));
        web.errorHandler(500, ctx -> ApiReplies.error(ctx, 500, "internal error: " + ctx.failure()));
        LogSearch sample = logs == null ? null : new SampledLogs(logs, WARM_UP_LINES);
        this.warmUp = () -> {
            answer(functions.summaries());
            views.get().stream().findFirst()
                    .ifPresent(view -> answer(new ActivityApi(sample, metrics).activity(view, "auto", Instant.now())));
            if (sample != null) {
                answer(new LogsApi(sample).page(null, null, null, null, LogsApi.DEFAULT_LIMIT, Instant.now()));
            }
        };
    }

    /**
     * Computes the dev UI's heaviest answers once in the background (the function list, a function's activity, the
     * Logs page, over a sample of the real logs) and drops them, so their classes are loaded and their loops compiled
     * before someone opens the UI: the first page load after `up` is then not the slowest. `up` calls it once deployed.
     */
    public Future<Void> warmUp() {
        return vertx.executeBlocking(() -> {
            warmUp.run();
            return null;
        }, false);
    }

    private static void answer(Object body) {
        try {
            ApiReplies.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // a warm-up only: the real request reports it
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        web.handle(request);
    }

    @Override
    public void close() {
        invoke.close();
    }
}
