package dev.devserver.it;

import dev.devserver.project.scaffold.Scaffold;
import dev.devserver.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `devserver init` twice in an empty folder gives a project that builds, runs and answers. */
class InitIT {
    @Test
    void scaffoldedFunctionsAnswer(@TempDir Path temp) throws Exception {
        Path project = Files.createDirectories(temp.resolve("fresh"));
        Scaffold.init(project, "gitlab/runtimes/nodejs", "echo");
        Scaffold.init(project, "openfaas/classic/python3", "greet");
        try (Session session = Sessions.start(project)) {
            HttpResponse<String> echo = Http.send(session.port(), "fresh-echo.fresh-local.localhost", "POST", "/",
                    "application/json", "{\"GitLab\":\"FaaS\"}");
            assertEquals(200, echo.statusCode(), echo.body());
            assertEquals("{\"GitLab\":\"FaaS\"}", echo.body());
            HttpResponse<String> greet = Http.send(session.port(), "fresh-greet.fresh-local.localhost", "POST", "/",
                    "text/plain", "GitLab");
            assertEquals(200, greet.statusCode(), greet.body());
            assertEquals("Hello, GitLab\n", greet.body());
        }
    }
}
