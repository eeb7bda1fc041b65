package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The one namespace devserver serves, the project's; other namespaces do not exist and cannot be made here. */
final class NamespacesApi {
    private final Supplier<String> namespace;
    private final Instant started = Instant.now();

    NamespacesApi(Supplier<String> namespace) {
        this.namespace = namespace;
    }

    Reads reads() {
        return new Reads(Catalog.NAMESPACES, ignored -> List.of(object()));
    }

    private ObjectNode object() {
        Namespace ns = new NamespaceBuilder().withApiVersion("v1").withKind("Namespace").withNewMetadata()
                .withName(namespace.get()).withUid(KnativeObjects.uid("Namespace", "", namespace.get()))
                .withCreationTimestamp(KnativeObjects.timestamp(started))
                .addToLabels("kubernetes.io/metadata.name", namespace.get()).endMetadata()
                .withNewSpec().withFinalizers("kubernetes").endSpec().withNewStatus().withPhase("Active").endStatus().build();
        return KubeJson.tree(KnativeObjects.versioned(ns));
    }

    /** A path naming another namespace answers NotFound, saying which namespace devserver serves. */
    void guard(RoutingContext ctx) {
        String asked = ctx.pathParam("namespace");
        if (asked != null && !asked.equals(namespace.get())) {
            KubeReplies.failure(ctx, 404, "NotFound", "namespaces \"" + asked + "\" not found (devserver serves only the"
                    + " project's namespace \"" + namespace.get() + "\": use -n " + namespace.get() + " or set KUBE_NAMESPACE)", null);
            return;
        }
        ctx.next();
    }

    void create(RoutingContext ctx) {
        SecretsApi.write(ctx, "Namespace in version \"v1\"", request -> {
            String name = request.body().path("metadata").path("name").asText("");
            if (name.equals(namespace.get())) {
                KubeReplies.alreadyExists(ctx, Catalog.NAMESPACES, name);
            } else {
                KubeReplies.forbidden(ctx, Catalog.NAMESPACES, name, "devserver serves one namespace, the project's \""
                        + namespace.get() + "\" (set by --namespace or KUBE_NAMESPACE when `up` starts)");
            }
        });
    }

    void refuse(RoutingContext ctx) {
        KubeReplies.forbidden(ctx, Catalog.NAMESPACES, ctx.pathParam("name"), "devserver's namespace \"" + namespace.get()
                + "\" lasts as long as `devserver up`: stop `up` to remove what it runs");
    }
}
