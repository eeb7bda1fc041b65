package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.knative.serving.v1.Configuration;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Route;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAPI v3 ({@code /openapi/v3}, {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/serving.knative.dev/v1}):
 * schemas for `kubectl explain`, and PATCH operations that declare {@code fieldValidation}, which tells kubectl
 * (cli-runtime's query_param_verifier_v3) that the server validates fields itself, so it sends fieldValidation=Strict
 * instead of validating against OpenAPI v2. Older kubectl reads {@code /openapi/v2} instead ({@link OpenApiV2}).
 * Built on first use and kept: most sessions never ask.
 */
final class OpenApi {
    static final Map<ResourceType, Class<?>> MODELS = Map.of(
            Catalog.NAMESPACES, Namespace.class, Catalog.SECRETS, Secret.class, Catalog.PODS, Pod.class,
            Catalog.EVENTS, Event.class, Catalog.SERVICES, Service.class, Catalog.CONFIGURATIONS, Configuration.class,
            Catalog.REVISIONS, Revision.class, Catalog.ROUTES, Route.class);
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private volatile V2 v2;

    void mount(Router r) {
        r.get("/openapi/v3").handler(this::root);
        r.get("/openapi/v3/api/v1").blockingHandler(ctx -> document(ctx, "api/v1", Catalog.CORE), false);
        r.get("/openapi/v3/apis/" + Catalog.KNATIVE + "/v1").blockingHandler(ctx ->
                document(ctx, "apis/" + Catalog.KNATIVE + "/v1", Catalog.SERVING), false);
        r.get("/openapi/v2").blockingHandler(this::v2, false);
    }

    private void root(RoutingContext ctx) {
        ObjectNode root = KubeJson.MAPPER.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        for (String gv : List.of("api/v1", "apis/" + Catalog.KNATIVE + "/v1")) {
            paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + VERSION);
        }
        KubeReplies.json(ctx, root);
    }

    /** Changes with devserver's build, so kubectl's cache of the documents (keyed by the hash) is renewed. */
    private static final String VERSION = KubeJson.contentVersion(KubeJson.MAPPER.valueToTree(
            String.valueOf(OpenApi.class.getPackage().getImplementationVersion()) + "/1"));

    private void document(RoutingContext ctx, String groupVersion, List<ResourceType> types) {
        String text = documents.computeIfAbsent(groupVersion, gv -> build(types).toString());
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, immutable")
                .end(text);
    }

    /** kubectl before 1.27 asks for protobuf; JSON for anyone else (curl, older Java clients). */
    private void v2(RoutingContext ctx) {
        V2 v2 = this.v2;
        if (v2 == null) {
            ObjectNode doc = OpenApiV2.json(MODELS, "v1." + Discovery.MINOR + ".0");
            this.v2 = v2 = new V2(doc.toString(), OpenApiV2.protobuf(doc));
        }
        if (String.valueOf(ctx.request().getHeader("Accept")).contains("protobuf")) {
            ctx.response().putHeader("Content-Type", OpenApiV2.PROTOBUF).end(Buffer.buffer(v2.protobuf()));
        } else {
            ctx.response().putHeader("Content-Type", "application/json").end(v2.json());
        }
    }

    private record V2(String json, byte[] protobuf) {
    }

    private static ObjectNode build(List<ResourceType> types) {
        ModelSchemas schemas = new ModelSchemas();
        ObjectNode doc = KubeJson.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "devserver").put("version", "v1." + Discovery.MINOR + ".0");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType type : types) {
            String name = schemas.add(MODELS.get(type));
            ObjectNode schema = (ObjectNode) schemas.components().get(name);
            schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", type.group())
                    .put("version", type.version()).put("kind", type.kind());
            String collection = type.groupVersionPath() + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            ObjectNode item = paths.putObject(collection + "/{name}");
            item.set("get", operation(type, name, List.of()));
            if (type.verbs().contains("patch")) {
                item.set("patch", operation(type, name, List.of("dryRun", "fieldManager", "fieldValidation", "force")));
                item.set("put", operation(type, name, List.of("dryRun", "fieldManager", "fieldValidation")));
                paths.putObject(collection).set("post", operation(type, name, List.of("dryRun", "fieldManager", "fieldValidation")));
            }
        }
        doc.putObject("components").set("schemas", schemas.components());
        return doc;
    }

    private static ObjectNode operation(ResourceType type, String schema, List<String> parameters) {
        ObjectNode op = KubeJson.MAPPER.createObjectNode();
        op.putObject("x-kubernetes-group-version-kind").put("group", type.group()).put("version", type.version())
                .put("kind", type.kind());
        ArrayNode params = op.putArray("parameters");
        for (String p : parameters) {
            params.addObject().put("name", p).put("in", "query").putObject("schema").put("type", "string");
        }
        op.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + schema);
        return op;
    }
}
