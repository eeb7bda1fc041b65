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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Renders the OpenAPI documents {@link OpenApi} serves, at build time (the pom runs {@link #main} after compiling):
 * their schemas come from fabric8's model classes ({@link ModelSchemas}) and their descriptions from fabric8's sources
 * jars ({@link ModelDocs}), whose introspection would otherwise load hundreds of model classes into a running `up` and
 * keep them, with the documents, for the rest of the session.
 */
public final class OpenApiDocuments {
    static final Map<ResourceType, Class<?>> MODELS = Map.of(
            Catalog.NAMESPACES, Namespace.class, Catalog.SECRETS, Secret.class, Catalog.PODS, Pod.class,
            Catalog.EVENTS, Event.class, Catalog.SERVICES, Service.class, Catalog.CONFIGURATIONS, Configuration.class,
            Catalog.REVISIONS, Revision.class, Catalog.ROUTES, Route.class);
    static final String VERSION = "v1." + Discovery.MINOR + ".0";

    private OpenApiDocuments() {
    }

    /**
     * {@code args[0]}: the classes folder, the documents go to its {@link OpenApi#FOLDER}; the other arguments: the
     * sources jars of the model classes.
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]).resolve(OpenApi.FOLDER);
        ModelDocs docs = new ModelDocs(Arrays.stream(args).skip(1).map(Path::of).toList());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(OpenApi.CORE_V3), v3(Catalog.CORE, docs).toString(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(OpenApi.SERVING_V3), v3(Catalog.SERVING, docs).toString(), StandardCharsets.UTF_8);
        ObjectNode v2 = OpenApiV2.json(MODELS, VERSION, docs);
        Files.writeString(folder.resolve(OpenApi.V2_JSON), v2.toString(), StandardCharsets.UTF_8);
        Files.write(folder.resolve(OpenApi.V2_PROTOBUF), OpenApiV2.protobuf(v2));
    }

    /** One group version's v3 document: its kinds' schemas, and for each kind the paths kubectl looks operations up in. */
    static ObjectNode v3(List<ResourceType> types, ModelDocs docs) {
        ModelSchemas schemas = new ModelSchemas(docs);
        ObjectNode doc = KubeJson.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "devserver").put("version", VERSION);
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
