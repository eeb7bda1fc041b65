package dev.devserver.render;

import dev.devserver.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes Secrets for the secrets a project references, with values from the local store. Only
 * {@code render --secrets} calls this: without it secrets stay names in {@code envFrom} and no value is read.
 *
 * @param manifests one {@code v1} Secret per referenced secret found in the store
 * @param missing   referenced secrets the store does not have (the Services reference them as optional)
 */
public record SecretManifests(List<Manifest> manifests, List<String> missing) {

    public static SecretManifests of(Project project, SecretSource source) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : project.referencedSecrets()) {
            Optional<Map<String, String>> values = source.get(name);
            if (values.isPresent()) {
                manifests.add(new Manifest(Manifest.Kind.SECRET, name, secret(project, name, values.get())));
            } else {
                missing.add(name);
            }
        }
        return new SecretManifests(List.copyOf(manifests), List.copyOf(missing));
    }

    /** {@code stringData}, not base64 {@code data}: the user reads what will be applied, and the API server encodes it. */
    private static Map<String, Object> secret(Project project, String name, Map<String, String> values) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", project.namespace());
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", metadata);
        secret.put("type", "Opaque");
        secret.put("stringData", new LinkedHashMap<>(values));
        return secret;
    }
}
