package dev.devserver.it;

import dev.devserver.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A custom runtime: a Git repository holding a Dockerfile.template, fetched by URL and rendered per function. */
class CustomRuntimeIT {
    @Test
    void runtimeFromLocalGitRepositoryIsFetchedRenderedAndBuilt(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("runtime-repo"));
        Files.writeString(repo.resolve("Dockerfile.template"), """
                FROM debian:bookworm-slim
                RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends busybox >/dev/null && rm -rf /var/lib/apt/lists/*
                COPY {{ .CodeDirectory }}/ /www/
                RUN echo "{{.FunctionName}} handled by {{ .FunctionHandler }} as {{.ResultingImage}}" > /www/index.html
                EXPOSE 8080
                CMD ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
                """);
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "runtime");
        Path project = Files.createDirectories(dir.resolve("custom"));
        Files.createDirectories(project.resolve("hello"));
        Files.writeString(project.resolve("hello/data.txt"), "some data\n");
        Files.writeString(project.resolve("serverless.yml"), """
                service: custom
                functions:
                  hello:
                    handler: main
                    source: ./hello
                    runtime: file://%s
                """.formatted(repo));
        try (Session session = Sessions.start(project)) {
            String host = session.project().function("hello").orElseThrow().host(session.project());
            HttpResponse<String> index = Http.get(session.port(), host, "/");
            assertEquals(200, index.statusCode(), index.body());
            assertEquals("hello handled by main as custom-hello\n", index.body());
            assertEquals("some data\n", Http.get(session.port(), host, "/data.txt").body());
        }
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        assertEquals(0, new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start().waitFor());
    }
}
