package dev.devserver.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devserver.serving.KnativeServices;
import dev.devserver.serving.TrafficTarget;
import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Knative Services applied through the Kubernetes API, as Knative's controllers treat them: a changed
 * {@code spec.template} makes a new revision (serving names it), anything else only re-routes; what is applied is kept
 * on disk ({@link ServiceStore}) and served again by the next `up`. The API has run the webhook's defaults and checks.
 */
public final class AppliedServices {
    private final KnativeServices serving;
    private final Path projectDir;
    private final Namespaces namespaces;
    private final Function<String, Function<String, Map<String, String>>> secrets;
    /** By {@code <namespace>/<name>}. */
    private final Map<String, AppliedService> applied = new ConcurrentHashMap<>();

    /** @param secrets a namespace's secrets, by name (a Knative Service reads those of its own namespace) */
    public AppliedServices(KnativeServices serving, Path projectDir, Namespaces namespaces,
                           Function<String, Function<String, Map<String, String>>> secrets) {
        this.serving = serving;
        this.projectDir = projectDir;
        this.namespaces = namespaces;
        this.secrets = secrets;
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    private ServiceStore store(String namespace) {
        return new ServiceStore(projectDir, namespace);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static String namespace(Service service) {
        return service.getMetadata().getNamespace();
    }

    /** `up`'s revision timeout: the default timeoutSeconds of a template (Knative's revision-timeout-seconds). */
    public Duration revisionTimeout() {
        return serving.revisionTimeout();
    }

    public Optional<AppliedService> get(String namespace, String name) {
        return Optional.ofNullable(applied.get(key(namespace, name)));
    }

    /** The namespace's services by name; every namespace's when {@code namespace} is null. */
    public List<AppliedService> all(String namespace) {
        return applied.values().stream().filter(a -> namespace == null || namespace.equals(namespace(a.service())))
                .sorted(Comparator.comparing(AppliedService::name)).toList();
    }

    /**
     * Serves the services an earlier `up` kept, each revision under its old name: the latest and those its traffic
     * names start now, the others wait at zero containers. {@code problems} hears of what cannot be read.
     */
    public synchronized void restore(Consumer<String> problems) {
        for (String namespace : namespaces.names()) {
            for (AppliedService kept : store(namespace).all(problems)) {
                kept.service().getMetadata().setNamespace(namespace);
                String name = kept.name();
                List<TrafficTarget> traffic = Templates.traffic(kept.service());
                for (AppliedService.KeptRevision r : kept.revisions()) {
                    boolean routed = traffic.stream().anyMatch(t -> r.name().equals(t.revision()));
                    serving.restore(namespace, name, r.name(), r.generation(),
                            Templates.revision(name, r.template(), secrets.apply(namespace)), routed || kept.latest().get() == r);
                }
                serving.route(namespace, name, traffic, Templates.clusterLocal(kept.service()));
                applied.put(key(namespace, name), kept);
            }
        }
    }

    /**
     * Why Knative's webhook would refuse the template's name, or null: a name given must be new when the template
     * changed, and unchanged templates keep theirs.
     */
    public String templateNameProblem(Service desired) {
        AppliedService before = applied.get(key(namespace(desired), desired.getMetadata().getName()));
        RevisionTemplateSpec template = desired.getSpec().getTemplate();
        String given = template.getMetadata() == null ? null : template.getMetadata().getName();
        if (before == null || given == null || !changed(before, template)) {
            return null;
        }
        if (before.revisions().stream().anyMatch(r -> given.equals(r.name()))) {
            return "Saw the following changes without a name change (-old +new): the template changed but"
                    + " spec.template.metadata.name is still \"" + given + "\"; give the new revision a new name";
        }
        return null;
    }

    /** Applies a defaulted, validated service (its namespace set); returns it as kept, with its revisions. */
    public synchronized AppliedService apply(Service desired) {
        String name = desired.getMetadata().getName();
        String namespace = namespace(desired);
        AppliedService before = applied.get(key(namespace, name));
        List<AppliedService.KeptRevision> revisions = new ArrayList<>(before == null ? List.of() : before.revisions());
        RevisionTemplateSpec template = desired.getSpec().getTemplate();
        if (before == null || changed(before, template)) {
            String given = template.getMetadata() == null ? null : template.getMetadata().getName();
            String revision = serving.rollOut(namespace, name, given, Templates.revision(name, template, secrets.apply(namespace)));
            revisions.add(new AppliedService.KeptRevision(revision, serving.generation(namespace, name, revision),
                    Instant.now().toString(), template));
        }
        AppliedService now = new AppliedService(desired, revisions);
        store(namespace).put(now);
        applied.put(key(namespace, name), now);
        serving.route(namespace, name, Templates.traffic(desired), Templates.clusterLocal(desired));
        return now;
    }

    /** Deletes the service and its revisions; false when there is none of that name. */
    public synchronized boolean delete(String namespace, String name) {
        if (applied.remove(key(namespace, name)) == null) {
            return false;
        }
        store(namespace).delete(name);
        serving.delete(namespace, name);
        return true;
    }

    private static boolean changed(AppliedService before, RevisionTemplateSpec template) {
        return before.latest().map(r -> !tree(r.template()).equals(tree(template))).orElse(true);
    }

    private static JsonNode tree(Object model) {
        return ServiceStore.JSON.valueToTree(model);
    }
}
