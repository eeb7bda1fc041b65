package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.manifests.AppliedService;
import dev.devserver.project.Project;
import dev.devserver.render.KnativeManifests;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;
import dev.devserver.serving.ServiceStatus;
import io.fabric8.knative.duck.v1.AddressableBuilder;
import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.knative.serving.v1.Configuration;
import io.fabric8.knative.serving.v1.ConfigurationBuilder;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.RevisionBuilder;
import io.fabric8.knative.serving.v1.Route;
import io.fabric8.knative.serving.v1.RouteBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.knative.serving.v1.ServiceStatusBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The project's functions as Knative serving.knative.dev/v1 objects in fabric8's model: each function is a Service
 * (its spec what `devserver render` deploys), with the Configuration, Route and Revisions a cluster would make for it,
 * and status (URL, conditions with reasons, latest created/ready revision) from serving's view.
 */
final class KnativeObjects {
    static final String SERVICE_LABEL = "serving.knative.dev/service";
    private final Project project;
    private final BiFunction<String, String, Optional<AppliedService>> applied;

    /** @param applied the Knative Services applied through the API, by namespace and name (their spec is what was applied) */
    KnativeObjects(Project project, BiFunction<String, String, Optional<AppliedService>> applied) {
        this.project = project;
        this.applied = applied;
    }

    ObjectNode service(FunctionView view) {
        ObjectNode manifest = manifest(view);
        Optional<AppliedService> kept = applied(view);
        long generation = kept.map(a -> a.service().getMetadata().getGeneration()).orElse(generation(view));
        ObjectMeta meta = metadata("Service", view.knativeService(), view.namespace(), view.created(), generation,
                labels(manifest.path("metadata").path("labels")), null);
        meta.setAnnotations(kept.map(a -> a.service().getMetadata().getAnnotations())
                .orElse(Map.of("devserver.dev/owner", String.valueOf(project.file() == null ? project.dir() : project.file()))));
        kept.ifPresent(a -> meta.setCreationTimestamp(a.service().getMetadata().getCreationTimestamp()));
        Service service = new ServiceBuilder().withMetadata(meta).withStatus(new ServiceStatusBuilder()
                .withObservedGeneration(generation).withUrl(url(view))
                .withAddress(new AddressableBuilder().withUrl(view.clusterLocal() ? url(view) : view.url()).build())
                .withLatestCreatedRevisionName(view.latestCreatedRevision())
                .withLatestReadyRevisionName(view.latestReadyRevision())
                .withTraffic(traffic(view))
                .withConditions(condition("ConfigurationsReady", view, view.created()), ready(view, view.created()),
                        routesReady(view))
                .build()).build();
        return withSpec(service, manifest.path("spec"));
    }

    ObjectNode configuration(FunctionView view) {
        Configuration configuration = new ConfigurationBuilder()
                .withMetadata(metadata("Configuration", view.knativeService(), view.namespace(), view.created(),
                        generation(view), childLabels(view), owner(view)))
                .withNewStatus().withObservedGeneration(generation(view))
                .withLatestCreatedRevisionName(view.latestCreatedRevision())
                .withLatestReadyRevisionName(view.latestReadyRevision())
                .withConditions(ready(view, view.created())).endStatus()
                .build();
        ObjectNode spec = KubeJson.MAPPER.createObjectNode();
        spec.set("template", manifest(view).path("spec").path("template"));
        return withSpec(configuration, spec);
    }

    ObjectNode route(FunctionView view) {
        List<TrafficTarget> spec = applied(view).map(a -> a.service().getSpec().getTraffic()).orElse(List.of(
                new TrafficTargetBuilder().withConfigurationName(view.knativeService()).withLatestRevision(true)
                        .withPercent(100L).build()));
        Route route = new RouteBuilder()
                .withMetadata(metadata("Route", view.knativeService(), view.namespace(), view.created(), 1L, childLabels(view),
                        owner(view)))
                .withNewSpec().withTraffic(spec).endSpec()
                .withNewStatus().withObservedGeneration(1L).withUrl(url(view))
                .withAddress(new AddressableBuilder().withUrl(view.clusterLocal() ? url(view) : view.url()).build())
                .withTraffic(traffic(view))
                .withConditions(routeCondition("AllTrafficAssigned", view), routeCondition("IngressReady", view),
                        routeCondition("Ready", view)).endStatus()
                .build();
        return KubeJson.tree(versioned(route));
    }

    List<ObjectNode> revisions(FunctionView view) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode serviceTemplate = manifest(view).path("spec").path("template");
        for (RevisionView r : view.revisions()) {
            Map<String, String> labels = new LinkedHashMap<>(childLabels(view));
            labels.put("serving.knative.dev/configuration", view.knativeService());
            labels.put("serving.knative.dev/configurationGeneration", String.valueOf(generation(r)));
            labels.put("serving.knative.dev/routingState", r.active() ? "active" : "reserve");
            Condition ready = r.ready() ? condition("Ready", "True", null, null, r.created())
                    : r.failure() == null ? condition("Ready", "Unknown", "Deploying", null, r.created())
                    : condition("Ready", "False", "RevisionFailed", r.failure(), r.created());
            Condition active = r.containers() > 0 ? condition("Active", "True", null, null, r.created())
                    : condition("Active", "False", "NoTraffic", "The target is not receiving traffic.", r.created());
            JsonNode template = applied(view).flatMap(a -> a.revisions().stream().filter(k -> k.name().equals(r.name()))
                    .findFirst()).<JsonNode>map(k -> KubeJson.tree(k.template())).orElse(serviceTemplate);
            ObjectNode spec = template.path("spec") instanceof ObjectNode given ? given.deepCopy() : KubeJson.MAPPER.createObjectNode();
            if (r.image() != null && spec.path("containers").path(0) instanceof ObjectNode container) {
                container.put("image", r.image());
            }
            Revision revision = new RevisionBuilder()
                    .withMetadata(metadata("Revision", r.name(), view.namespace(), r.created(), 1L, labels, configurationOwner(view)))
                    .withNewStatus().withObservedGeneration(1L).withActualReplicas(r.containers())
                    .withDesiredReplicas(r.containers())
                    .withConditions(active, ready).endStatus()
                    .build();
            out.add(withSpec(revision, spec));
        }
        return out;
    }

    /** The configuration generation that made a revision: serving's, else the number of its Knative name. */
    static long generation(RevisionView r) {
        return r.generation() > 0 ? r.generation() : revisionGeneration(r.name());
    }

    private Optional<AppliedService> applied(FunctionView view) {
        return view.manifest() ? applied.apply(view.namespace(), view.knativeService()) : Optional.empty();
    }

    /** status.url: the public URL, or the cluster-local one for a service that has none. */
    private static String url(FunctionView view) {
        return view.clusterLocal() ? "http://" + view.knativeService() + "." + view.namespace() + ".svc.cluster.local"
                : view.url();
    }

    /** Knative names revisions {@code <configuration>-<5-digit generation>}. */
    static long revisionGeneration(String revisionName) {
        try {
            return Long.parseLong(revisionName.substring(revisionName.lastIndexOf('-') + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 0;
        }
    }

    static String uid(String kind, String namespace, String name) {
        return UUID.nameUUIDFromBytes((kind + "/" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String timestamp(Instant time) {
        return (time == null ? Instant.EPOCH : time).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The Service as serverless.yml renders it (or as it was applied), as a tree: the spec is shown as it is, so a read
     * never builds fabric8's deserializers for the whole pod-spec model (hundreds of classes a session would keep).
     */
    private ObjectNode manifest(FunctionView view) {
        String knativeService = view.knativeService();
        Optional<AppliedService> kept = applied(view);
        if (kept.isPresent()) {
            return KubeJson.tree(kept.get().service());
        }
        return KnativeManifests.services(project, null).stream().filter(m -> m.name().equals(knativeService))
                .findFirst().<ObjectNode>map(m -> KubeJson.MAPPER.valueToTree(m.object()))
                .orElseGet(() -> (ObjectNode) KubeJson.MAPPER.valueToTree(Map.of("spec", Map.of("template", Map.of("spec", Map.of())))));
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** The model's JSON (metadata, status) with {@code spec} in its place, versioned. */
    private static ObjectNode withSpec(HasMetadata model, JsonNode spec) {
        model.getMetadata().setResourceVersion(null);
        ObjectNode tree = KubeJson.tree(model);
        ObjectNode object = KubeJson.MAPPER.createObjectNode();
        object.set("apiVersion", tree.get("apiVersion"));
        object.set("kind", tree.get("kind"));
        object.set("metadata", tree.get("metadata"));
        object.set("spec", spec);
        if (tree.has("status")) {
            object.set("status", tree.get("status"));
        }
        ((ObjectNode) object.get("metadata")).put("resourceVersion", KubeJson.contentVersion(object));
        return object;
    }

    private static long generation(FunctionView view) {
        return Math.max(1, view.latestCreatedRevision() == null ? 1 : revisionGeneration(view.latestCreatedRevision()));
    }

    /** status.traffic: each target with the revision it resolves to now, and a tag's own URL. */
    private static List<TrafficTarget> traffic(FunctionView view) {
        return view.traffic().stream().filter(t -> !t.revision().isEmpty()).map(t -> new TrafficTargetBuilder()
                .withRevisionName(t.revision()).withLatestRevision(t.latestRevision())
                .withPercent(t.tag() != null && t.percent() == 0 ? null : (long) t.percent()).withTag(t.tag())
                .withUrl(t.tag() == null ? null : view.url().replaceFirst("://", "://" + t.tag() + "-")).build()).toList();
    }

    private static Map<String, String> childLabels(FunctionView view) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SERVICE_LABEL, view.knativeService());
        labels.put("serving.knative.dev/serviceUID", uid("Service", view.namespace(), view.knativeService()));
        return labels;
    }

    private static ObjectMeta metadata(String kind, String name, String namespace, Instant created, Long generation,
                                       Map<String, String> labels, OwnerReference owner) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withUid(uid(kind, namespace, name)).withGeneration(generation)
                .withCreationTimestamp(timestamp(created)).withLabels(labels);
        if (owner != null) {
            meta.withOwnerReferences(owner);
        }
        return meta.build();
    }

    private static OwnerReference owner(FunctionView view) {
        return new OwnerReferenceBuilder().withApiVersion("serving.knative.dev/v1").withKind("Service")
                .withName(view.knativeService()).withUid(uid("Service", view.namespace(), view.knativeService()))
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static OwnerReference configurationOwner(FunctionView view) {
        return new OwnerReferenceBuilder().withApiVersion("serving.knative.dev/v1").withKind("Configuration")
                .withName(view.knativeService()).withUid(uid("Configuration", view.namespace(), view.knativeService()))
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static Condition ready(FunctionView view, Instant since) {
        return condition("Ready", view, since);
    }

    /**
     * Ready and ConfigurationsReady: True, False with the failure as message, or Unknown while the first deploys (and
     * before its image is built, as Knative's RevisionMissing while a new service waits for its first revision).
     */
    private static Condition condition(String type, FunctionView view, Instant since) {
        if (view.ready()) {
            return condition(type, "True", null, null, since);
        }
        if (ServiceStatus.NOT_BUILT.equals(view.reason())) {
            return routeCondition(type, view);
        }
        if (view.reason() == null || view.reason().isBlank() || view.reason().equals(ServiceStatus.STARTING)) {
            return condition(type, "Unknown", "Deploying", null, since);
        }
        String reason = view.reason().startsWith("build failed") ? "BuildFailed" : "RevisionFailed";
        return condition(type, "False", reason, view.reason(), since);
    }

    /** Traffic goes to the latest ready revision: the routes are ready once there is one, even if a newer one failed. */
    private static Condition routesReady(FunctionView view) {
        return routeCondition("RoutesReady", view);
    }

    private static Condition routeCondition(String type, FunctionView view) {
        return view.hasReadyRevision() ? condition(type, "True", null, null, view.created())
                : condition(type, "Unknown", "RevisionMissing", "Configuration \"" + view.knativeService()
                + "\" is waiting for a Revision to become ready.", view.created());
    }

    private static Condition condition(String type, String status, String reason, String message, Instant since) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(timestamp(since)).build();
    }

    /** Sets a resourceVersion that changes exactly when the object's content does. */
    static <T extends HasMetadata> T versioned(T object) {
        object.getMetadata().setResourceVersion(null);
        object.getMetadata().setResourceVersion(KubeJson.contentVersion(KubeJson.tree(object)));
        return object;
    }
}
