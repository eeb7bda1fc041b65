package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.manifests.AppliedService;
import dev.devserver.manifests.AppliedServices;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * serving.knative.dev/v1 objects, pods and events computed from serving's views, and writes of Knative Services:
 * the project's functions belong to serverless.yml, so writes to them are refused naming the file; a Service of
 * another name is applied ({@link AppliedServices}) and served like a function.
 */
final class ServingApi {
    private final Supplier<Project> project;
    private final Supplier<List<FunctionView>> views;
    private final AppliedServices services;
    private final ServiceWebhook webhook;

    ServingApi(Supplier<Project> project, Supplier<List<FunctionView>> views, AppliedServices services) {
        this.project = project;
        this.views = views;
        this.services = services;
        this.webhook = new ServiceWebhook(services == null ? 300 : services.revisionTimeout().toSeconds());
    }

    Reads services() {
        return reads(Catalog.SERVICES, (objects, v) -> Stream.of(objects.service(v)));
    }

    Reads configurations() {
        return reads(Catalog.CONFIGURATIONS, (objects, v) -> Stream.of(objects.configuration(v)));
    }

    Reads revisions() {
        return reads(Catalog.REVISIONS, (objects, v) -> objects.revisions(v).stream());
    }

    Reads routes() {
        return reads(Catalog.ROUTES, (objects, v) -> Stream.of(objects.route(v)));
    }

    Reads pods() {
        return reads(Catalog.PODS, (objects, v) -> PodObjects.of(v).stream().map(KubeJson::tree));
    }

    Reads events() {
        return reads(Catalog.EVENTS, (objects, v) -> EventObjects.of(v).stream().map(KubeJson::tree));
    }

    private interface PerFunction {
        Stream<ObjectNode> objects(KnativeObjects objects, FunctionView view);
    }

    private Reads reads(ResourceType type, PerFunction each) {
        return new Reads(type, namespace -> {
            KnativeObjects objects = new KnativeObjects(project.get(), (ns, name) -> services == null ? Optional.empty() : services.get(ns, name));
            return views.get().stream().filter(v -> namespace == null || v.namespace().equals(namespace))
                    .flatMap(v -> each.objects(objects, v)).toList();
        });
    }

    /**
     * POST, PUT, PATCH (the four types) and DELETE of services. The project's functions belong to serverless.yml (403
     * naming the file); any other Service is defaulted and checked as Knative's webhook does, then applied (a changed
     * template makes a revision) unless it is a dry run.
     */
    void write(RoutingContext ctx) {
        String named = ctx.pathParam("name");
        String inNamespace = ctx.pathParam("namespace");
        SecretsApi.write(ctx, KIND, request -> {
            String name = named != null ? named : request.body().path("metadata").path("name").asText("");
            Optional<FunctionSpec> function = project.get().functions().stream()
                    .filter(f -> f.knativeService().equals(name) && inNamespace.equals(project.get().namespace())).findFirst();
            if (function.isPresent()) {
                KubeReplies.forbidden(ctx, Catalog.SERVICES, name, "it is function \"" + function.get().name() + "\" of "
                        + source(function.get()) + ": edit that file to change it (devserver rolls the change out)");
                return;
            }
            if (services == null) {
                KubeReplies.forbidden(ctx, Catalog.SERVICES, name, "this devserver serves no Knative Services");
                return;
            }
            Optional<ObjectNode> current = services().find(inNamespace, name);
            String method = ctx.request().method().name();
            if (method.equals("DELETE")) {
                delete(ctx, request, name, current.isPresent());
                return;
            }
            JsonNode desired = desired(ctx, request, method, current);
            if (desired == null) {
                return;
            }
            Service service = StrictDecoding.decode(desired, Service.class, request.strict());
            if (service.getMetadata() == null) {
                service.setMetadata(new ObjectMeta());
            }
            if (named != null && service.getMetadata().getName() != null && !named.equals(service.getMetadata().getName())) {
                KubeReplies.badRequest(ctx, "the name of the object (" + service.getMetadata().getName()
                        + ") does not match the name on the URL (" + named + ")");
                return;
            }
            String namespace = service.getMetadata().getNamespace();
            if (namespace != null && !namespace.isEmpty() && !namespace.equals(inNamespace)) {
                KubeReplies.badRequest(ctx, "the namespace of the provided object does not match the namespace sent on the request");
                return;
            }
            service.getMetadata().setNamespace(inNamespace);
            apply(ctx, request, service, current.isPresent() ? 200 : 201);
        });
    }

    private static final String KIND = "Service in version \"serving.knative.dev/v1\"";

    /** The object the write asks for: the body (create, replace, first apply) or the current one patched. */
    private JsonNode desired(RoutingContext ctx, WriteRequest request, String method, Optional<ObjectNode> current) {
        String name = ctx.pathParam("name");
        String type = ctx.request().getHeader("Content-Type");
        boolean serverSideApply = type != null && type.startsWith(Patches.APPLY);
        if (method.equals("POST") && current.isPresent()) {
            KubeReplies.alreadyExists(ctx, Catalog.SERVICES, current.get().path("metadata").path("name").asText());
            return null;
        }
        if (current.isEmpty() && !method.equals("POST") && !serverSideApply) {
            KubeReplies.notFound(ctx, Catalog.SERVICES, name);
            return null;
        }
        if (method.equals("PUT")) {
            String given = request.body().path("metadata").path("resourceVersion").asText("");
            if (!given.isEmpty() && !given.equals(Reads.version(current.get()))) {
                KubeReplies.conflict(ctx, Catalog.SERVICES, name);
                return null;
            }
        }
        if (!method.equals("PATCH")) {
            return request.body();
        }
        if (serverSideApply) { // devserver merges the applied fields over the current object (no field ownership)
            return current.map(c -> Patches.merge(c, request.body())).orElse(request.body());
        }
        try {
            return Patches.apply(type, current.get(), request.body());
        } catch (IllegalArgumentException e) {
            boolean jsonPatch = type != null && type.startsWith(Patches.JSON_PATCH);
            KubeReplies.failure(ctx, jsonPatch ? 422 : 415, jsonPatch ? "Invalid" : "UnsupportedMediaType", e.getMessage(), null);
            return null;
        }
    }

    /** Knative's webhook (defaults, then every problem in its words), then the service applied unless dry run. */
    private void apply(RoutingContext ctx, WriteRequest request, Service service, int code) {
        String name = service.getMetadata().getName();
        ObjectMeta meta = service.getMetadata();
        String namespace = meta.getNamespace();
        Optional<AppliedService> before = name == null ? Optional.empty() : services.get(namespace, name);
        service.setStatus(null);
        meta.setResourceVersion(null);
        meta.setManagedFields(null);
        meta.setUid(KnativeObjects.uid("Service", namespace, name));
        meta.setCreationTimestamp(before.map(b -> b.service().getMetadata().getCreationTimestamp())
                .orElse(KnativeObjects.timestamp(Instant.now())));
        webhook.defaults(service);
        List<String> problems = new ArrayList<>(webhook.problems(service));
        if (problems.isEmpty()) {
            String nameProblem = services.templateNameProblem(service);
            if (nameProblem != null) {
                problems.add(nameProblem + ": spec.template.metadata.name");
            }
        }
        if (!problems.isEmpty()) {
            KubeReplies.badRequest(ctx, ServiceWebhook.DENIED + String.join("\n", problems));
            return;
        }
        long generation = before.map(b -> KubeJson.tree(b.service().getSpec()).equals(KubeJson.tree(service.getSpec()))
                ? b.service().getMetadata().getGeneration() : b.service().getMetadata().getGeneration() + 1).orElse(1L);
        meta.setGeneration(generation);
        if (request.dryRun()) {
            KubeReplies.json(ctx, code, KnativeObjects.versioned(service));
            return;
        }
        services.apply(service);
        KubeReplies.json(ctx, code, services().find(namespace, name).map(o -> (Object) o).orElse(service));
    }

    private void delete(RoutingContext ctx, WriteRequest request, String name, boolean exists) {
        if (!exists) {
            KubeReplies.notFound(ctx, Catalog.SERVICES, name);
            return;
        }
        String namespace = ctx.pathParam("namespace");
        if (!request.dryRun()) {
            services.delete(namespace, name);
        }
        ObjectNode status = KubeJson.MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", "Success");
        status.putObject("metadata");
        status.putObject("details").put("name", name).put("group", Catalog.KNATIVE).put("kind", Catalog.SERVICES.plural())
                .put("uid", KnativeObjects.uid("Service", namespace, name));
        KubeReplies.json(ctx, status);
    }

    private String source(FunctionSpec f) {
        Project p = project.get();
        String file = String.valueOf(p.file() != null ? p.file() : p.dir().resolve("Dockerfile"));
        return f.line() > 0 ? file + ":" + f.line() : file;
    }

    Function<String, Optional<ObjectNode>> podNamed(String namespace) {
        return name -> pods().find(namespace, name);
    }
}
