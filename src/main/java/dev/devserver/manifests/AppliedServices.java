package dev.devserver.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devserver.serving.KnativeServices;
import dev.devserver.serving.TrafficTarget;
import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;

import java.nio.file.Path;
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
    private final ServiceStore store;
    private final Function<String, Map<String, String>> secrets;
    private final Map<String, AppliedService> applied = new ConcurrentHashMap<>();

    public AppliedServices(KnativeServices serving, Path projectDir, String namespace,
                           Function<String, Map<String, String>> secrets) {
        this.serving = serving;
        this.store = new ServiceStore(projectDir, namespace);
        this.secrets = secrets;
    }

    /** `up`'s revision timeout: the default timeoutSeconds of a template (Knative's revision-timeout-seconds). */
    public java.time.Duration revisionTimeout() {
        return serving.revisionTimeout();
    }

    public Optional<AppliedService> get(String name) {
        return Optional.ofNullable(applied.get(name));
    }

    public List<AppliedService> all() {
        return applied.values().stream().sorted(Comparator.comparing(AppliedService::name)).toList();
    }

    /**
     * Serves the services an earlier `up` kept, each revision under its old name: the latest and those its traffic
     * names start now, the others wait at zero containers. {@code problems} hears of what cannot be read.
     */
    public synchronized void restore(Consumer<String> problems) {
        for (AppliedService kept : store.all(problems)) {
            String name = kept.name();
            List<TrafficTarget> traffic = Templates.traffic(kept.service());
            for (AppliedService.KeptRevision r : kept.revisions()) {
                boolean routed = traffic.stream().anyMatch(t -> r.name().equals(t.revision()));
                serving.restore(name, r.name(), r.generation(), Templates.revision(name, r.template(), secrets),
                        routed || kept.latest().get() == r);
            }
            serving.route(name, traffic, Templates.clusterLocal(kept.service()));
            applied.put(name, kept);
        }
    }

    /**
     * Why Knative's webhook would refuse the template's name, or null: a name given must be new when the template
     * changed, and unchanged templates keep theirs.
     */
    public String templateNameProblem(Service desired) {
        AppliedService before = applied.get(desired.getMetadata().getName());
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

    /** Applies a defaulted, validated service; returns it as kept, with its revisions. */
    public synchronized AppliedService apply(Service desired) {
        String name = desired.getMetadata().getName();
        AppliedService before = applied.get(name);
        List<AppliedService.KeptRevision> revisions = new ArrayList<>(before == null ? List.of() : before.revisions());
        RevisionTemplateSpec template = desired.getSpec().getTemplate();
        if (before == null || changed(before, template)) {
            String given = template.getMetadata() == null ? null : template.getMetadata().getName();
            String revision = serving.rollOut(name, given, Templates.revision(name, template, secrets));
            revisions.add(new AppliedService.KeptRevision(revision, serving.generation(name, revision),
                    Instant.now().toString(), template));
        }
        AppliedService now = new AppliedService(desired, revisions);
        store.put(now);
        applied.put(name, now);
        serving.route(name, Templates.traffic(desired), Templates.clusterLocal(desired));
        return now;
    }

    /** Deletes the service and its revisions; false when there is none of that name. */
    public synchronized boolean delete(String name) {
        if (applied.remove(name) == null) {
            return false;
        }
        store.delete(name);
        serving.delete(name);
        return true;
    }

    private static boolean changed(AppliedService before, RevisionTemplateSpec template) {
        return before.latest().map(r -> !tree(r.template()).equals(tree(template))).orElse(true);
    }

    private static JsonNode tree(Object model) {
        return ServiceStore.JSON.valueToTree(model);
    }
}
