package dev.devserver.manifests;

import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;

import java.util.List;
import java.util.Optional;

/**
 * A Knative Service as applied (defaulted and validated, without status) and the revisions its templates made, oldest
 * first: what devserver keeps of it across `up`s.
 */
public record AppliedService(Service service, List<KeptRevision> revisions) {
    public AppliedService {
        revisions = List.copyOf(revisions);
    }

    public String name() {
        return service.getMetadata().getName();
    }

    public Optional<KeptRevision> latest() {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    }

    /** One revision: its name, the configuration generation that made it, and the template it runs. */
    public record KeptRevision(String name, long generation, String created, RevisionTemplateSpec template) {
    }
}
