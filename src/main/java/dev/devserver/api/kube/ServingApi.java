package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * serving.knative.dev/v1 objects, pods and events computed from serving's views. The project's functions belong to
 * serverless.yml, so writes to them are refused naming the file; a Service of another name can be checked with
 * --dry-run=server (strict validation against Knative's model), not yet created.
 */
final class ServingApi {
    private final Supplier<Project> project;
    private final Supplier<List<FunctionView>> views;

    ServingApi(Supplier<Project> project, Supplier<List<FunctionView>> views) {
        this.project = project;
        this.views = views;
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
        return reads(Catalog.PODS, (objects, v) -> PodObjects.of(v).stream());
    }

    Reads events() {
        return reads(Catalog.EVENTS, (objects, v) -> EventObjects.of(v).stream());
    }

    private interface PerFunction {
        Stream<? extends HasMetadata> objects(KnativeObjects objects, FunctionView view);
    }

    private Reads reads(ResourceType type, PerFunction each) {
        return new Reads(type, namespace -> {
            KnativeObjects objects = new KnativeObjects(project.get());
            return views.get().stream().filter(v -> namespace == null || v.namespace().equals(namespace))
                    .flatMap(v -> each.objects(objects, v)).map(KubeJson::tree).toList();
        });
    }

    /** POST, PUT, PATCH and DELETE of services. */
    void write(RoutingContext ctx) {
        String named = ctx.pathParam("name");
        SecretsApi.write(ctx, "Service in version \"serving.knative.dev/v1\"", request -> {
            String name = named != null ? named : request.body().path("metadata").path("name").asText("");
            Optional<FunctionSpec> function = project.get().functions().stream()
                    .filter(f -> f.knativeService().equals(name)).findFirst();
            if (function.isPresent()) {
                KubeReplies.forbidden(ctx, Catalog.SERVICES, name, "it is function \"" + function.get().name() + "\" of "
                        + source(function.get()) + ": edit that file to change it (devserver rolls the change out)");
                return;
            }
            if (named != null || !ctx.request().method().name().equals("POST")) {
                KubeReplies.notFound(ctx, Catalog.SERVICES, name);
                return;
            }
            Service service = StrictDecoding.decode(request.body(), Service.class, request.strict());
            List<StatusCause> causes = problems(service);
            if (!causes.isEmpty()) {
                KubeReplies.invalid(ctx, Catalog.SERVICES, name, causes);
                return;
            }
            if (!request.dryRun()) {
                KubeReplies.forbidden(ctx, Catalog.SERVICES, name, "devserver serves the functions of "
                        + project.get().file() + ": add the function there (or check this object with --dry-run=server)");
                return;
            }
            service.getMetadata().setNamespace(project.get().namespace());
            service.getMetadata().setUid(KnativeObjects.uid("Service", project.get().namespace(), name));
            service.getMetadata().setGeneration(1L);
            service.getMetadata().setCreationTimestamp(KnativeObjects.timestamp(Instant.now()));
            KubeReplies.json(ctx, 201, KnativeObjects.versioned(service));
        });
    }

    /** What Knative's webhook would refuse first: no name, no container, no image. */
    private static List<StatusCause> problems(Service service) {
        List<StatusCause> causes = new java.util.ArrayList<>();
        if (service.getMetadata() == null || service.getMetadata().getName() == null
                || !dev.devserver.secrets.SecretNames.isName(service.getMetadata().getName())) {
            causes.add(KubeReplies.cause("FieldValueInvalid", "metadata.name", "Invalid value: a DNS-1035 label is required"));
        }
        var template = service.getSpec() == null ? null : service.getSpec().getTemplate();
        var containers = template == null || template.getSpec() == null ? null : template.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            causes.add(KubeReplies.cause("FieldValueRequired", "spec.template.spec.containers", "Required value"));
        } else if (containers.get(0).getImage() == null || containers.get(0).getImage().isBlank()) {
            causes.add(KubeReplies.cause("FieldValueRequired", "spec.template.spec.containers[0].image", "Required value"));
        }
        return causes;
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
