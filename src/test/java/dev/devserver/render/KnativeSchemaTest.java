package dev.devserver.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rendered Service, read back from YAML, against Knative's published v1 Service schema. */
class KnativeSchemaTest {
    @TempDir
    Path tmp;

    private static List<Map<String, Object>> rendered(Project p, String registry) {
        return Projects.parseAll(ManifestYaml.documents(Render.of(p, registry, Optional.empty()).manifests()));
    }

    private static void assertValid(List<Map<String, Object>> services) {
        assertTrue(!services.isEmpty());
        for (Map<String, Object> svc : services) {
            assertEquals(List.of(), KnativeSchema.problems(svc), "Service " + Projects.at(svc, "metadata.name"));
            // The CRD leaves ObjectMeta to the API server: a Service name must be a DNS-1035 label.
            assertTrue(((String) Projects.at(svc, "metadata.name")).matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?"));
        }
    }

    @Test
    void gitlabExampleIsValid() {
        assertValid(rendered(Projects.gitlabSample("functions-1"), null));
    }

    @Test
    void richProjectIsValid() throws IOException {
        assertValid(rendered(Projects.rich(tmp, "shop-prod"), "registry.gitlab.com/me/shop"));
    }

    @Test
    void applicationIsValid() throws IOException {
        assertValid(rendered(ProjectLoader.load(Projects.writeApplication(tmp), Settings.defaults()), null));
    }

    /** The validator must catch what matters, or the tests above prove nothing. */
    @Test
    @SuppressWarnings("unchecked")
    void validatorRejectsWhatKnativeWould() throws IOException {
        Map<String, Object> svc = rendered(Projects.rich(tmp, "ns"), null).get(0);
        Map<String, Object> spec = (Map<String, Object>) Projects.at(svc, "spec.template.spec");
        Map<String, Object> container = (Map<String, Object>) Projects.at(svc, "spec.template.spec.containers.0");
        Map<String, Object> secretRef = (Map<String, Object>) Projects.at(container, "envFrom.0.secretRef");

        spec.put("containerConcurrency", "4");
        secretRef.put("optional", "true");
        secretRef.put("nmae", "typo");
        container.put("imagePullPolcy", "Always");
        ((List<Object>) container.get("env")).add(Map.of("value", "no name"));
        List<String> problems = new ArrayList<>(KnativeSchema.problems(svc));

        assertTrue(problems.contains(".spec.template.spec.containerConcurrency: must be integer, not String 4"), problems::toString);
        assertTrue(problems.contains(".spec.template.spec.containers[0].envFrom[0].secretRef.optional: must be boolean, not String true"), problems::toString);
        assertTrue(problems.contains(".spec.template.spec.containers[0].envFrom[0].secretRef.nmae: unknown field (the API server would drop it)"), problems::toString);
        assertTrue(problems.contains(".spec.template.spec.containers[0].env[5]: missing required field name"), problems::toString);
        assertTrue(problems.contains(".spec.template.spec.containers[0].imagePullPolcy (unknown field, kept only by x-kubernetes-preserve-unknown-fields)"), problems::toString);

        spec.remove("containers");
        assertTrue(KnativeSchema.problems(svc).contains(".spec.template.spec: missing required field containers"));
    }
}
