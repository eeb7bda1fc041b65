package dev.devserver.render;

import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Projects the render tests use, and reading rendered YAML back. */
final class Projects {
    /** GitLab's documented example, as checked in for `devserver up`. */
    /** The example serverless.yml of the GitLab Serverless documentation, exactly. */
    static final Path GITLAB_SAMPLE = Path.of("src/test/resources/projects/gitlab-example").toAbsolutePath();

    /** Every field tm turns into the Service, including the legacy spellings and an overridden provider env var. */
    static final String RICH = """
            service: shop
            description: "Shop functions"
            provider:
              name: triggermesh
              registry: registry.example.com/group/shop
              envs:
                SHARED: from-provider
                OVERRIDE: provider
              environment:
                LEGACY_PROVIDER: "1"
              secrets:
                - shared-secret
              env-secrets:
                - legacy-secret
              annotations:
                autoscaling.knative.dev/maxScale: "5"
                team: provider
            functions:
              cart:
                handler: cart
                source: ./cart
                runtime: gitlab/runtimes/nodejs
                description: "Shopping cart"
                envs:
                  OVERRIDE: function
                  CART_ONLY: "yes"
                environment:
                  LEGACY_FN: legacy
                secrets:
                  - shared-secret
                  - cart-secret
                env-secrets:
                  - legacy-fn-secret
                annotations:
                  team: cart
                  autoscaling.knative.dev/target: "10"
                labels:
                  - tier:backend
                  - app.kubernetes.io/part-of=shop
                concurrency: 4
              plain:
                source: ./plain
            """;

    private Projects() {
    }

    static Project gitlabSample(String namespace) {
        return ProjectLoader.load(GITLAB_SAMPLE, new Settings(namespace, null));
    }

    static Path writeRich(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("shop"));
        Files.writeString(Files.createDirectories(dir.resolve("cart")).resolve("cart.js"), "module.exports = x => x;");
        Files.writeString(Files.createDirectories(dir.resolve("plain")).resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("serverless.yml"), RICH);
        return dir;
    }

    static Project rich(Path root, String namespace) throws IOException {
        return ProjectLoader.load(writeRich(root), new Settings(namespace, null));
    }

    static Path writeApplication(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("webapp"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        return dir;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseAll(String yaml) {
        return StreamSupport.stream(new Yaml().loadAll(yaml).spliterator(), false)
                .map(o -> (Map<String, Object>) o).toList();
    }

    /** A nested field by dotted path; list items by number, e.g. {@code spec.template.spec.containers.0.image}; keys with dots: read the map. */
    static Object at(Object root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            if (node instanceof List<?> list) {
                node = list.get(Integer.parseInt(part));
            } else if (node instanceof Map<?, ?> map) {
                node = map.get(part);
            } else {
                throw new AssertionError("no " + part + " in " + node + " (path " + path + ")");
            }
        }
        return node;
    }
}
