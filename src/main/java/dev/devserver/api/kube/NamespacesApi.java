package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.manifests.AppliedService;
import dev.devserver.manifests.AppliedServices;
import dev.devserver.manifests.Namespaces;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Namespaces as {@link Namespaces} keeps them: `up` serves the project's only (others cannot be made here), `devserver
 * cluster` creates and deletes them (a deleted namespace takes its services and secrets with it, as Kubernetes'
 * namespace controller does).
 */
final class NamespacesApi {
    private final Supplier<Namespaces> namespaces;
    private final AppliedServices services;
    private final SecretsApi secrets;

    NamespacesApi(Supplier<Namespaces> namespaces, AppliedServices services, SecretsApi secrets) {
        this.namespaces = namespaces;
        this.services = services;
        this.secrets = secrets;
    }

    Reads reads() {
        return new Reads(Catalog.NAMESPACES, ignored -> namespaces.get().names().stream().map(this::object).toList());
    }

    private ObjectNode object(String name) {
        Namespace ns = new NamespaceBuilder().withApiVersion("v1").withKind("Namespace").withNewMetadata()
                .withName(name).withUid(KnativeObjects.uid("Namespace", "", name))
                .withCreationTimestamp(KnativeObjects.timestamp(namespaces.get().created(name)))
                .addToLabels("kubernetes.io/metadata.name", name).endMetadata()
                .withNewSpec().withFinalizers("kubernetes").endSpec().withNewStatus().withPhase("Active").endStatus().build();
        return KubeJson.tree(KnativeObjects.versioned(ns));
    }

    /** A path naming a namespace that does not exist answers NotFound, saying how to make it (or which one `up` serves). */
    void guard(RoutingContext ctx) {
        String asked = ctx.pathParam("namespace");
        Namespaces all = namespaces.get();
        if (asked != null && !all.exists(asked)) {
            KubeReplies.failure(ctx, 404, "NotFound", "namespaces \"" + asked + "\" not found (" + (all.creatable()
                    ? "create it first: kubectl create namespace " + asked : "devserver serves only the project's namespace \""
                    + all.primary() + "\": use -n " + all.primary() + " or set KUBE_NAMESPACE") + ")", null);
            return;
        }
        ctx.next();
    }

    void create(RoutingContext ctx) {
        SecretsApi.write(ctx, "Namespace in version \"v1\"", request -> {
            String name = request.body().path("metadata").path("name").asText("");
            Namespaces all = namespaces.get();
            if (all.exists(name)) {
                KubeReplies.alreadyExists(ctx, Catalog.NAMESPACES, name);
            } else if (!all.creatable()) {
                KubeReplies.forbidden(ctx, Catalog.NAMESPACES, name, "devserver up serves one namespace, the project's \""
                        + all.primary() + "\" (set by --namespace or KUBE_NAMESPACE when `up` starts); `devserver cluster`"
                        + " serves any");
            } else {
                Optional<String> problem = Namespaces.nameProblem(name);
                if (problem.isPresent()) {
                    KubeReplies.invalid(ctx, Catalog.NAMESPACES, name, List.of(KubeReplies.cause("FieldValueInvalid",
                            "metadata.name", "Invalid value: \"" + name + "\": " + problem.get())));
                    return;
                }
                if (!request.dryRun()) {
                    all.create(name);
                }
                KubeReplies.json(ctx, 201, object(name));
            }
        });
    }

    void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Namespaces all = namespaces.get();
        if (!all.exists(name)) {
            KubeReplies.notFound(ctx, Catalog.NAMESPACES, name);
        } else if (!all.creatable() || name.equals(all.primary())) {
            KubeReplies.forbidden(ctx, Catalog.NAMESPACES, name, all.creatable() ? "namespace \"" + name
                    + "\" is the cluster's default" : "devserver's namespace \"" + name
                    + "\" lasts as long as `devserver up`: stop `up` to remove what it runs");
        } else {
            ObjectNode gone = object(name);
            if (!"All".equals(ctx.request().getParam("dryRun"))) {
                if (services != null) {
                    services.all(name).stream().map(AppliedService::name).forEach(s -> services.delete(name, s));
                }
                secrets.deleteAll(name);
                all.delete(name);
            }
            KubeReplies.json(ctx, gone);
        }
    }

    void refuse(RoutingContext ctx) {
        KubeReplies.forbidden(ctx, Catalog.NAMESPACES, ctx.pathParam("name"), "devserver's namespaces have no spec to change");
    }
}
