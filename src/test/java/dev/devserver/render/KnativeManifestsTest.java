package dev.devserver.render;

import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.devserver.render.Projects.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Rendered Services read back field by field: what tm/gitlabktl would create in the cluster. */
class KnativeManifestsTest {
    @TempDir
    Path tmp;

    /** A project in {@code name}/ whose functions build ./f, a Dockerfile, with {@code serverless} as serverless.yml. */
    private Path dockerfileProject(String name, String serverless) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(Files.createDirectories(dir.resolve("f")).resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("serverless.yml"), serverless);
        return dir;
    }

    private static List<Map<String, Object>> render(Project p, String registry) {
        String yaml = ManifestYaml.documents(Render.of(p, registry, Optional.empty()).manifests());
        return Projects.parseAll(yaml);
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static List<Map<String, Object>> env(String... nameValues) {
        return IntStream.range(0, nameValues.length / 2)
                .mapToObj(i -> Map.<String, Object>of("name", nameValues[2 * i], "value", nameValues[2 * i + 1]))
                .toList();
    }

    private static List<Map<String, Object>> secretRefs(String... names) {
        return Arrays.stream(names)
                .map(n -> Map.<String, Object>of("secretRef", Map.of("name", n, "optional", true))).toList();
    }

    @Test
    void gitlabExampleIsTheServiceGitlabktlDeploys() {
        List<Map<String, Object>> docs = render(Projects.gitlabSample("functions-1"), null);
        assertEquals(1, docs.size());
        Map<String, Object> svc = docs.get(0);
        assertEquals(Map.of(
                "apiVersion", "serving.knative.dev/v1",
                "kind", "Service",
                "metadata", Map.of("name", "functions-echo-js", "namespace", "functions-1",
                        "labels", Map.of("service", "functions")),
                "spec", Map.of("template", Map.of(
                        "metadata", Map.of(
                                "labels", Map.of("service", "functions"),
                                "annotations", Map.of("Description",
                                        "GitLab Serverless functions using Knative\nnode.js runtime function")),
                        "spec", Map.of("containers", List.of(Map.of(
                                "image", "functions-echo-js:latest",
                                "env", env("FOO", "value", "MY_FUNCTION", "echo-js"),
                                "envFrom", secretRefs("my-secrets"))))))), svc);
    }

    @Test
    void richProjectCarriesEveryField() throws IOException {
        List<Map<String, Object>> docs = render(Projects.rich(tmp, "shop-prod"), null);
        assertEquals(List.of("shop-cart", "shop-plain"), docs.stream().map(d -> at(d, "metadata.name")).toList());

        Map<String, Object> cart = docs.get(0);
        Map<String, String> labels = map("tier", "backend", "app.kubernetes.io/part-of", "shop", "service", "shop");
        assertEquals("shop-prod", at(cart, "metadata.namespace"));
        assertEquals(labels, at(cart, "metadata.labels"));
        assertEquals(labels, at(cart, "spec.template.metadata.labels"));
        assertEquals(map("autoscaling.knative.dev/maxScale", "5", "team", "cart", "Description",
                "Shop functions\nShopping cart", "autoscaling.knative.dev/target", "10"),
                at(cart, "spec.template.metadata.annotations"));
        assertEquals(4, at(cart, "spec.template.spec.containerConcurrency"));
        assertEquals(1, ((List<?>) at(cart, "spec.template.spec.containers")).size());
        assertEquals("registry.example.com/group/shop/shop-cart:latest", at(cart, "spec.template.spec.containers.0.image"));
        // Provider envs first (the model puts legacy `environment` before `envs`), the function's value winning in
        // the provider's place, then the function's own.
        assertEquals(env("LEGACY_PROVIDER", "1", "SHARED", "from-provider", "OVERRIDE", "function",
                "LEGACY_FN", "legacy", "CART_ONLY", "yes"), at(cart, "spec.template.spec.containers.0.env"));
        assertEquals(secretRefs("shared-secret", "legacy-secret", "cart-secret", "legacy-fn-secret"),
                at(cart, "spec.template.spec.containers.0.envFrom"));

        Map<String, Object> plain = docs.get(1);
        assertEquals(Map.of("service", "shop"), at(plain, "metadata.labels"));
        assertEquals(map("autoscaling.knative.dev/maxScale", "5", "team", "provider", "Description", "Shop functions"),
                at(plain, "spec.template.metadata.annotations"));
        assertNull(at(plain, "spec.template.spec.containerConcurrency"));
        assertEquals(env("LEGACY_PROVIDER", "1", "SHARED", "from-provider", "OVERRIDE", "provider"),
                at(plain, "spec.template.spec.containers.0.env"));
        assertEquals(secretRefs("shared-secret", "legacy-secret"), at(plain, "spec.template.spec.containers.0.envFrom"));
    }

    @Test
    void registryOptionWinsOverProviderRegistry() throws IOException {
        List<Map<String, Object>> docs = render(Projects.rich(tmp, "ns"), "registry.gitlab.com/me/shop/");
        assertEquals("registry.gitlab.com/me/shop/shop-cart:latest", at(docs.get(0), "spec.template.spec.containers.0.image"));
        assertEquals("registry.gitlab.com/me/shop/shop-plain:latest", at(docs.get(1), "spec.template.spec.containers.0.image"));
    }

    @Test
    void applicationIsOneServiceNamedAfterTheProject() throws IOException {
        Project app = ProjectLoader.load(Projects.writeApplication(tmp), new Settings("webapp-prod", null));
        List<Map<String, Object>> docs = render(app, "registry.gitlab.com/me/webapp");
        assertEquals(List.of(Map.of(
                "apiVersion", "serving.knative.dev/v1",
                "kind", "Service",
                "metadata", Map.of("name", "webapp", "namespace", "webapp-prod"),
                "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(
                        Map.of("image", "registry.gitlab.com/me/webapp/webapp:latest"))))))), docs);
    }

    @Test
    void functionDescriptionWithoutServiceDescriptionKeepsTmsLeadingNewline() throws IOException {
        Path dir = dockerfileProject("p", """
                service: bare
                functions:
                  f:
                    source: ./f
                    description: only the function
                  g:
                    source: ./f
                """);
        List<Map<String, Object>> docs = render(ProjectLoader.load(dir, Settings.defaults()), null);
        // GitLab's list shows line 2 of a multi-line Description: tm writes "<service>\n<function>" even when empty.
        assertEquals("\nonly the function", at(docs.get(0), "spec.template.metadata.annotations.Description"));
        assertNull(at(docs.get(1), "spec.template.metadata.annotations"));
        assertFalse(ManifestYaml.documents(Render.of(ProjectLoader.load(dir, Settings.defaults()), null,
                Optional.empty()).manifests()).contains("&id"), "labels must not be written as YAML aliases");
    }

    @Test
    void anH2cFunctionGetsAPortNamedH2c() throws IOException {
        Path dir = dockerfileProject("grpc", """
                service: grpc
                functions:
                  f:
                    source: ./f
                    annotations:
                      devserver.dev/port-name: h2c
                  g:
                    source: ./f
                """);
        List<Map<String, Object>> docs = render(ProjectLoader.load(dir, Settings.defaults()), null);
        assertEquals("h2c", at(docs.get(0), "spec.template.spec.containers.0.ports.0.name"));
        assertEquals(8080, at(docs.get(0), "spec.template.spec.containers.0.ports.0.containerPort"));
        assertNull(at(docs.get(1), "spec.template.spec.containers.0.ports"));
    }
}
