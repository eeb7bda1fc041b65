package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET …/pods/{name}/log[?follow&tailLines&sinceSeconds&timestamps]}: the output of the pod's revision from the
 * container logs devserver keeps (`kubectl logs`, `logs -f`, `logs -l`). Replicas of one revision share one log.
 */
final class PodLogs {
    private static final int ALL_LINES = 10_000;
    private final ServingApi serving;
    private final Supplier<Project> project;
    private final LogSearch logs;

    PodLogs(ServingApi serving, Supplier<Project> project, LogSearch logs) {
        this.serving = serving;
        this.project = project;
        this.logs = logs;
    }

    void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<ObjectNode> pod = serving.pods().find(ctx.pathParam("namespace"), name);
        if (pod.isEmpty()) {
            KubeReplies.notFound(ctx, Catalog.PODS, name);
            return;
        }
        String container = ctx.request().getParam("container");
        if (container != null && !container.equals(PodObjects.CONTAINER)) {
            KubeReplies.badRequest(ctx, "container " + container + " is not valid for pod " + name);
            return;
        }
        if (logs == null) {
            KubeReplies.failure(ctx, 503, "ServiceUnavailable", "container logs are not available in this devserver", null);
            return;
        }
        String ksvc = pod.get().path("metadata").path("labels").path(KnativeObjects.SERVICE_LABEL).asText();
        String revision = pod.get().path("metadata").path("labels").path("serving.knative.dev/revision").asText();
        String function = project.get().functions().stream().filter(f -> f.knativeService().equals(ksvc))
                .map(FunctionSpec::name).findFirst().orElse(ksvc);
        String query = "revision:\"" + revision + "\" AND (stream:stdout OR stream:stderr)";
        boolean timestamps = "true".equals(ctx.request().getParam("timestamps"));
        int tail = number(ctx.request().getParam("tailLines"), ALL_LINES);
        long sinceSeconds = number(ctx.request().getParam("sinceSeconds"), -1);
        Instant since = sinceSeconds < 0 ? null : Instant.now().minusSeconds(sinceSeconds);
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/plain");
        List<ObjectNode> lines = tail == 0 ? List.of() : logs.search(function, query, since, tail);
        lines.forEach(line -> response.write(format(line, timestamps)));
        if (!"true".equals(ctx.request().getParam("follow"))) {
            response.end();
            return;
        }
        AutoCloseable follow = logs.follow(function, query, line -> {
            if (!response.ended() && !response.closed()) {
                response.write(format(line, timestamps));
            }
        });
        response.closeHandler(v -> {
            try {
                follow.close();
            } catch (Exception e) {
                // the tail stops with the connection either way
            }
        });
        response.write("");
    }

    private static String format(ObjectNode line, boolean timestamps) {
        String text = line.path("message").asText("") + "\n";
        return timestamps ? line.path("timestamp").asText("") + " " + text : text;
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
