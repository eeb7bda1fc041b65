package dev.devserver.manifests;

import dev.devserver.project.Mode;
import dev.devserver.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespacesTest {
    @TempDir
    Path dir;

    @Test
    void aClusterServesDefaultAndWhatWasCreatedAlsoAfterARestart() {
        Namespaces namespaces = new Namespaces(Project.cluster(dir, "localhost"));
        assertTrue(namespaces.creatable());
        assertEquals(List.of("default"), namespaces.names());
        namespaces.create("team-a");
        assertTrue(namespaces.exists("team-a"));
        assertFalse(namespaces.exists("team-b"));
        assertEquals(List.of("default", "team-a"), new Namespaces(Project.cluster(dir, "localhost")).names(), "kept on disk");
        namespaces.delete("team-a");
        assertEquals(List.of("default"), namespaces.names());
    }

    @Test
    void upServesOnlyTheProjectsNamespace() {
        Project up = new Project(dir, dir.resolve("serverless.yml"), Mode.FUNCTIONS, "functions", null, "functions-local",
                "localhost", null, Map.of(), List.of(), Map.of(), List.of(), List.of());
        new Namespaces(Project.cluster(dir, "localhost")).create("team-a"); // a folder's cluster state is not up's
        Namespaces namespaces = new Namespaces(up);
        assertFalse(namespaces.creatable());
        assertEquals(List.of("functions-local"), namespaces.names());
        assertFalse(namespaces.exists("team-a"));
        assertThrows(IllegalStateException.class, () -> namespaces.create("other"));
    }

    @Test
    void namesAreKubernetesLabels() {
        assertTrue(Namespaces.nameProblem("team-a").isEmpty());
        for (String bad : List.of("Team", "-a", "a-", "a.b", "x".repeat(64), "../etc")) {
            assertTrue(Namespaces.nameProblem(bad).isPresent(), bad);
        }
    }
}
