package dev.devserver.api;

import dev.devserver.observe.metrics.MetricsView;
import io.vertx.ext.web.RoutingContext;

/** GET /metrics: the Knative-named request metrics in Prometheus' text format, for a scraper; 503 when off. */
final class ScrapeApi {
    private final MetricsView metrics;

    ScrapeApi(MetricsView metrics) {
        this.metrics = metrics;
    }

    void scrape(RoutingContext ctx) {
        if (metrics == null) {
            ApiReplies.error(ctx, 503, "metrics are not available in this devserver");
            return;
        }
        ctx.vertx().executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .putHeader("Cache-Control", "no-store").end(text))
                .onFailure(e -> ApiReplies.error(ctx, 500, e.getMessage()));
    }
}
