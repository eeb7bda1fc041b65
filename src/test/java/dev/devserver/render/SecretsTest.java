package dev.devserver.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.devserver.project.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret values leave the machine only when asked: a planted canary shows up with --secrets and never without. */
class SecretsTest {
    private static final String CANARY = "canary-6f1d2c-do-not-print";

    @TempDir
    Path tmp;

    /** A store holding the canary in `shared-secret` and `cart-secret`, remembering every lookup. */
    private final List<String> lookups = new ArrayList<>();
    private final SecretSource store = name -> {
        lookups.add(name);
        return name.equals("shared-secret") || name.equals("cart-secret")
                ? Optional.of(Map.of("API_TOKEN", CANARY)) : Optional.empty();
    };

    private static void assertNoCanary(String output) {
        assertFalse(output.contains(CANARY), output);
        String b64 = Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));
        assertFalse(output.contains(b64.substring(0, 16)), output);
    }

    @Test
    void withoutSecretsNoValueIsReadOrPrinted() throws IOException {
        Project p = Projects.rich(tmp, "shop-prod");
        String out = ManifestYaml.documents(Render.of(p, null, Optional.empty()).manifests());
        assertNoCanary(out);
        assertTrue(out.contains("name: shared-secret"), out);
        // Render.of gets no store at all unless secrets are asked for, so nothing can have been looked up.
        assertEquals(List.of(), lookups);
    }

    @Test
    void withSecretsTheStoreValuesBecomeSecrets() throws IOException {
        Project p = Projects.rich(tmp, "shop-prod");
        Render render = Render.of(p, null, Optional.of(store));
        String out = ManifestYaml.documents(render.manifests());
        assertTrue(out.contains(CANARY), out);
        assertEquals(List.of("shared-secret", "legacy-secret", "cart-secret", "legacy-fn-secret"), lookups);
        assertEquals(List.of("legacy-secret", "legacy-fn-secret"), render.missingSecrets());

        List<Map<String, Object>> docs = Projects.parseAll(out);
        assertEquals(List.of("Service", "Service", "Secret", "Secret"), docs.stream().map(d -> d.get("kind")).toList());
        Map<String, Object> secret = docs.get(2);
        assertEquals(Map.of(
                "apiVersion", "v1",
                "kind", "Secret",
                "metadata", Map.of("name", "shared-secret", "namespace", "shop-prod"),
                "type", "Opaque",
                "stringData", Map.of("API_TOKEN", CANARY)), secret);
        assertEquals("cart-secret", Projects.at(docs.get(3), "metadata.name"));
        assertEquals(List.of("shared-secret.secret.yaml", "cart-secret.secret.yaml"), render.manifests().stream()
                .filter(m -> m.kind() == Manifest.Kind.SECRET).map(Manifest::fileName).toList());
    }
}
