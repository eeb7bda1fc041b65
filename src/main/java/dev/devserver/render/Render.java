package dev.devserver.render;

import dev.devserver.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code devserver render} outputs for a project: its Knative Services and, only when asked, its Secrets.
 *
 * @param manifests      Services first (in function order), then Secrets
 * @param missingSecrets referenced secrets the store lacks; always empty without secrets
 */
public record Render(List<Manifest> manifests, List<String> missingSecrets) {

    /**
     * @param registry image registry prefix from the command line; null or blank falls back to
     *                 {@code provider.registry}
     * @param secrets  the store to read values from, or empty to reference secrets by name only (no value is read)
     */
    public static Render of(Project project, String registry, Optional<SecretSource> secrets) {
        String effectiveRegistry = registry == null || registry.isBlank() ? project.registry() : registry;
        List<Manifest> manifests = new ArrayList<>(KnativeManifests.services(project, effectiveRegistry));
        if (secrets.isEmpty()) {
            return new Render(List.copyOf(manifests), List.of());
        }
        SecretManifests found = SecretManifests.of(project, secrets.get());
        manifests.addAll(found.manifests());
        return new Render(List.copyOf(manifests), found.missing());
    }
}
