package dev.devserver.secrets;

import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MissingSecretsTest {
    @TempDir
    Path tmp;

    private Project project(String namespace) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("shop"));
        Files.writeString(dir.resolve("serverless.yml"), """
                service: shop
                provider:
                  name: triggermesh
                  secrets: [shared]
                functions:
                  a:
                    handler: a
                    source: ./a
                    runtime: gitlab/runtimes/nodejs
                    secrets: [only-a, shared]
                  b:
                    handler: b
                    source: ./b
                    runtime: gitlab/runtimes/nodejs
                """);
        for (String f : List.of("a", "b")) {
            Files.writeString(Files.createDirectories(dir.resolve(f)).resolve(f + ".js"), "module.exports = x => x;");
        }
        return ProjectLoader.load(dir, new Settings(namespace, null));
    }

    @Test
    void namesEachMissingSecretItsFunctionsAndTheCommand() throws IOException {
        Project p = project(null);
        SecretStore store = new SecretStore(p.dir(), p.namespace());
        assertEquals(List.of(
                "secret \"shared\" does not exist in namespace shop-local (used by a, b): they start without its keys."
                        + " Create it with `devserver secret create shared --from-literal KEY=VALUE`",
                "secret \"only-a\" does not exist in namespace shop-local (used by a): they start without its keys."
                        + " Create it with `devserver secret create only-a --from-literal KEY=VALUE`"),
                MissingSecrets.describe(p, store));
        store.create("shared", Map.of("K", "v"));
        assertEquals(1, MissingSecrets.describe(p, store).size());
        store.create("only-a", Map.of());
        assertEquals(List.of(), MissingSecrets.describe(p, store));
    }

    /** A namespace from --namespace or KUBE_NAMESPACE is named in the command: the shell that runs it may lack either. */
    @Test
    void aGivenNamespaceIsNamedInTheCommand() throws IOException {
        Project p = project("team-a");
        assertEquals("secret \"shared\" does not exist in namespace team-a (used by a, b): they start without its keys."
                        + " Create it with `devserver secret create shared --namespace team-a --from-literal KEY=VALUE`",
                MissingSecrets.describe(p, new SecretStore(p.dir(), p.namespace())).get(0));
    }

    @Test
    void anExplicitNamespaceIsRepeatedInTheCommand() throws IOException {
        Project p = project("staging");
        List<String> lines = MissingSecrets.describe(p, new SecretStore(p.dir(), p.namespace()));
        assertEquals("`devserver secret create shared --namespace staging --from-literal KEY=VALUE`",
                lines.get(0).substring(lines.get(0).indexOf('`')));
    }
}
