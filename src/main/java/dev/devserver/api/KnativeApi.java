package dev.devserver.api;

import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read-only Knative resources at the paths the Kubernetes API serves them:
 * {@code /apis/serving.knative.dev/v1[/namespaces/{ns}]/services[/{name}]} and the same for {@code revisions}.
 */
final class KnativeApi {
    private static final String BASE = "/apis/serving.knative.dev/v1";
    private final Supplier<Project> project;
    private final Supplier<List<FunctionView>> views;

    KnativeApi(Supplier<Project> project, Supplier<List<FunctionView>> views) {
        this.project = project;
        this.views = views;
    }

    void mount(Router r) {
        r.get(BASE + "/services").handler(ctx -> ApiReplies.json(ctx, services(null)));
        r.get(BASE + "/revisions").handler(ctx -> ApiReplies.json(ctx, revisions(null)));
        r.get(BASE + "/namespaces/:ns/services").handler(ctx -> ApiReplies.json(ctx, services(ctx.pathParam("ns"))));
        r.get(BASE + "/namespaces/:ns/revisions").handler(ctx -> ApiReplies.json(ctx, revisions(ctx.pathParam("ns"))));
        r.get(BASE + "/namespaces/:ns/services/:name").handler(ctx -> one(ctx, services(ctx.pathParam("ns")), "services"));
        r.get(BASE + "/namespaces/:ns/revisions/:name").handler(ctx -> one(ctx, revisions(ctx.pathParam("ns")), "revisions"));
    }

    /** @param namespace null for all namespaces (kubectl's -A) */
    private Map<String, Object> services(String namespace) {
        return KnativeJson.list("ServiceList", inNamespace(namespace).stream().map(v -> KnativeJson.service(project.get(), v)).toList());
    }

    private Map<String, Object> revisions(String namespace) {
        return KnativeJson.list("RevisionList", inNamespace(namespace).stream()
                .flatMap(v -> v.revisions().stream().map(r -> KnativeJson.revision(v, r))).toList());
    }

    private List<FunctionView> inNamespace(String namespace) {
        return views.get().stream().filter(v -> namespace == null || v.namespace().equals(namespace)).toList();
    }

    /** A missing object answers like the Kubernetes API: 404 with a Status naming it. */
    @SuppressWarnings("unchecked")
    private static void one(RoutingContext ctx, Map<String, Object> list, String resource) {
        String name = ctx.pathParam("name");
        Optional<Map<String, Object>> item = ((List<Map<String, Object>>) list.get("items")).stream()
                .filter(i -> name.equals(((Map<String, Object>) i.get("metadata")).get("name"))).findFirst();
        if (item.isPresent()) {
            ApiReplies.json(ctx, item.get());
            return;
        }
        ApiReplies.json(ctx, 404, Map.of("apiVersion", "v1", "kind", "Status", "status", "Failure", "reason", "NotFound",
                "code", 404, "error", resource + ".serving.knative.dev \"" + name + "\" not found",
                "message", resource + ".serving.knative.dev \"" + name + "\" not found"));
    }
}
