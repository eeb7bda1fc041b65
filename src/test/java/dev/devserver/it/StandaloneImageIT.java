package dev.devserver.it;

import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `docker run -p 8080:8080 <knative-service>` serves the function without devserver, as the GitLab docs promise. */
class StandaloneImageIT {
    @Test
    void builtImageServesOnItsOwn(@TempDir Path temp) throws Exception {
        Project project = ProjectLoader.load(TestProjects.copy("gitlab-example", temp), Settings.defaults());
        BuildResult build = new ImageBuilder(Engine.docker(), Engine.runtimes(), true)
                .build(project, project.function("echo-js").orElseThrow(), BuildListener.SILENT);
        assertEquals(null, build.error());
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("functions-echo-js:latest"))
                .withExposedPorts(8080)
                .waitingFor(Wait.forLogMessage(".*HTTP running.*", 1))) {
            container.start();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + container.getMappedPort(8080) + "/"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"GitLab\":\"FaaS\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("{\"GitLab\":\"FaaS\"}", response.body());
        }
    }
}
