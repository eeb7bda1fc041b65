package dev.devserver.project;

import dev.devserver.DevserverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery like git's: the nearest serverless.yml upward, else the nearest Dockerfile; errors list the folders searched. */
class ProjectDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void aFunctionsSubfolderFindsTheServerlessFileAboveItsOwnDockerfile() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("shop"));
        Files.writeString(project.resolve("serverless.yml"), "service: shop\n");
        Path deep = Files.createDirectories(project.resolve("static-docker/site/css"));
        Files.writeString(project.resolve("static-docker/Dockerfile"), "FROM scratch\n");
        assertEquals(project, ProjectDiscovery.find(deep));
        assertEquals(project, ProjectDiscovery.find(project));
        assertEquals(Optional.of(project.resolve("serverless.yml")), ProjectDiscovery.serverlessFile(deep));
    }

    @Test
    void theNearestServerlessFileWinsOverOneFurtherUp() throws IOException {
        Files.writeString(tmp.resolve("serverless.yml"), "service: outer\n");
        Path inner = Files.createDirectories(tmp.resolve("inner/src"));
        Files.writeString(tmp.resolve("inner/serverless.yml"), "service: inner\n");
        assertEquals(tmp.resolve("inner"), ProjectDiscovery.find(inner));
    }

    @Test
    void anApplicationIsFoundByItsRootDockerfileFromASubfolder() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), "FROM scratch\n");
        Path src = Files.createDirectories(app.resolve("src/main"));
        assertEquals(app, ProjectDiscovery.find(src));
    }

    @Test
    void noProjectNamesEveryFolderItLookedIn() throws IOException {
        Path start = Files.createDirectories(tmp.resolve("a/b"));
        Files.writeString(tmp.resolve("a/serverless.yaml"), "service: typo\n");
        DevserverException e = assertThrows(DevserverException.class, () -> ProjectDiscovery.find(start));
        assertEquals(DevserverException.INVALID_PROJECT, e.exitCode());
        String m = e.getMessage();
        assertTrue(m.startsWith(start + ": no serverless.yml and no Dockerfile here or in any folder above"), m);
        assertTrue(m.contains("looked in " + start + ", " + tmp.resolve("a") + ", " + tmp + ", "), m);
        assertTrue(m.contains(", /)"), m);
        assertTrue(m.contains("found " + tmp.resolve("a/serverless.yaml") + ": GitLab Serverless reads serverless.yml"), m);
    }
}
