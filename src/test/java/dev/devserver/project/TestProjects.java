package dev.devserver.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Project directories on disk for the tests: the GitLab example plus a few traps. */
public final class TestProjects {
    public static final String GITLAB_EXAMPLE = """
            service: functions
            description: "GitLab Serverless functions using Knative"
            provider:
              name: triggermesh
              envs:
                FOO: value
              secrets:
                - my-secrets
            functions:
              echo-js:
                handler: echo-js
                source: ./echo-js
                runtime: gitlab/runtimes/nodejs
                description: "node.js runtime function"
                envs:
                  MY_FUNCTION: echo-js
                secrets:
                  - my-secrets
            """;

    private TestProjects() {
    }

    /** echo-js/ (code), with-docker/ (Dockerfile), my-runtime/ (Dockerfile.template), no-template/, a-file, escape -> outside. */
    static Path create(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("my-project"));
        Files.writeString(Files.createDirectories(dir.resolve("echo-js")).resolve("handler.js"), "module.exports = x => x;");
        Files.writeString(Files.createDirectories(dir.resolve("with-docker")).resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(Files.createDirectories(dir.resolve("my-runtime")).resolve("Dockerfile.template"), "FROM x\n");
        Files.createDirectories(dir.resolve("no-template"));
        Files.writeString(dir.resolve("a-file"), "not a directory");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("escape"), outside);
        return dir;
    }
}
