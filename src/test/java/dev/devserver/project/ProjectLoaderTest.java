package dev.devserver.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.devserver.DevserverException;
import dev.devserver.ProblemLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestProjects.create(tmp);
    }

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("serverless.yml"), yaml);
        return ProjectLoader.load(dir.resolve("serverless.yml"), Settings.defaults());
    }

    @Test
    void acceptsTheGitlabExample() throws IOException {
        Project p = load(TestProjects.GITLAB_EXAMPLE);
        assertEquals(Mode.FUNCTIONS, p.mode());
        assertEquals(dir.toRealPath(), p.dir());
        assertEquals(dir.toRealPath().resolve("serverless.yml"), p.file());
        assertEquals("functions", p.service());
        assertEquals("GitLab Serverless functions using Knative", p.description());
        assertEquals("my-project-local", p.namespace());
        assertEquals("localhost", p.domain());
        assertNull(p.registry());
        assertEquals(Map.of("FOO", "value"), p.envs());
        assertEquals(List.of("my-secrets"), p.secrets());
        assertEquals(List.of(), p.notes());
        FunctionSpec f = p.function("echo-js").orElseThrow();
        assertEquals("functions-echo-js", f.knativeService());
        assertEquals("functions-echo-js", f.imageName());
        assertEquals("echo-js", f.handler());
        assertEquals(dir.resolve("echo-js").toRealPath(), f.source());
        assertEquals("gitlab/runtimes/nodejs", f.runtime());
        assertEquals("node.js runtime function", f.description());
        assertEquals(Map.of("MY_FUNCTION", "echo-js"), f.envs());
        assertEquals(List.of("my-secrets"), f.secrets());
        assertEquals(10, f.line());
        assertEquals("functions-echo-js.my-project-local.localhost", f.host(p));
        assertEquals("http://functions-echo-js.my-project-local.localhost:8080", f.url(p, 8080));
        assertEquals("http://functions-echo-js.my-project-local.localhost", f.url(p, 80));
    }

    @Test
    void loadsFromTheProjectDirectoryAndHonoursSettings() throws IOException {
        Files.writeString(dir.resolve("serverless.yml"), TestProjects.GITLAB_EXAMPLE);
        Project p = ProjectLoader.load(dir, new Settings("team-a", "example.test"));
        assertEquals("team-a", p.namespace());
        assertEquals("http://functions-echo-js.team-a.example.test:8080", p.functions().get(0).url(p, 8080));
        DevserverException e = assertThrows(DevserverException.class,
                () -> ProjectLoader.load(dir, new Settings("Team_A", null)));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("namespace `Team_A`"), e.getMessage());
    }

    @Test
    void mergesLegacyFieldsAnnotationsLabelsAndScalarEnvValues() throws IOException {
        Project p = load("""
                service: svc
                provider:
                  environment: {A: 1, SHARED: old}
                  envs: {SHARED: new}
                  env-secrets: [legacy]
                  secrets: [modern, legacy]
                  annotations: {team: core, tier: gold}
                  registry: registry.example.com/g/p
                functions:
                  py:
                    handler: ignored
                    source: ./echo-js
                    runtime: openfaas/classic/python3
                    environment: {B: true, C: 1.50, D: ~, E:}
                    env-secrets: [fn-secret]
                    annotations: {tier: silver}
                    labels: ["app:web", "tier=back"]
                    concurrency: 10
                  docker:
                    source: with-docker
                    labels: {app: docker}
                  custom:
                    source: ./echo-js
                    runtime: ./my-runtime
                  remote:
                    source: ./echo-js
                    runtime: git@gitlab.com:me/runtime.git
                """);
        assertEquals(Map.of("A", "1", "SHARED", "new"), p.envs());
        assertEquals(List.of("modern", "legacy"), p.secrets());
        assertEquals("registry.example.com/g/p", p.registry());
        FunctionSpec py = p.function("py").orElseThrow();
        assertNull(py.handler());
        assertEquals(List.of("B", "C", "D", "E"), List.copyOf(py.envs().keySet()));
        assertEquals(Map.of("B", "true", "C", "1.50", "D", "", "E", ""), py.envs());
        assertEquals(List.of("fn-secret"), py.secrets());
        assertEquals(Map.of("team", "core", "tier", "silver"), py.annotations());
        assertEquals(Map.of("app", "web", "tier", "back"), py.labels());
        assertEquals(10, py.concurrency());
        assertEquals(1, p.notes().size());
        assertTrue(p.notes().get(0).matches(".*serverless.yml:11:5: note: `handler` of function `py` is ignored.*"),
                p.notes().get(0));
        assertNull(p.function("docker").orElseThrow().runtime());
        assertEquals(Map.of("app", "docker"), p.function("docker").orElseThrow().labels());
        assertEquals(dir.resolve("my-runtime").toRealPath().toString(), p.function("custom").orElseThrow().runtime());
        assertTrue(Runtimes.isCustom(p.function("remote").orElseThrow().runtime()));
        assertEquals(10, Runtimes.ALIASES.size());
    }

    @Test
    void reportsEveryProblemSortedByPosition() throws IOException {
        DevserverException e = assertThrows(DevserverException.class, () -> load("""
                functions:
                  echo-js:
                    source: ./nope
                    runtime: gitlab/runtimes/nodejs
                    secrts: [a]
                provder: {}
                """));
        assertEquals(2, e.exitCode());
        ProblemLines.assertLines(e.getMessage(),
                "serverless.yml:1:1: `service` is missing",
                ":2:3: function `echo-js` uses gitlab/runtimes/nodejs, which needs `handler:`",
                ":3:5: `source: ./nope` does not exist",
                ":5:5: unknown key `secrts` in function `echo-js`; did you mean `secrets`?",
                ":6:1: unknown key `provder` in the top level; did you mean `provider`?");
    }

    @Test
    void applicationModeWhenOnlyADockerfileIsPresent() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("My_App"));
        Files.writeString(app.resolve("Dockerfile"), "FROM scratch\n");
        Project p = ProjectLoader.load(app, Settings.defaults());
        assertEquals(Mode.APPLICATION, p.mode());
        assertNull(p.file());
        assertEquals("my-app", p.service());
        assertEquals("my-app-local", p.namespace());
        FunctionSpec f = p.functions().get(0);
        assertEquals("my-app", f.name());
        assertEquals("my-app", f.knativeService());
        assertEquals(app.toRealPath(), f.source());
        assertNull(f.runtime());
        assertEquals(0, f.line());
        assertEquals("http://my-app.my-app-local.localhost:8080", f.url(p, 8080));
    }

    @Test
    void explainsHowToStartWhenThereIsNeitherFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DevserverException e = assertThrows(DevserverException.class, () -> ProjectLoader.load(empty, Settings.defaults()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("no serverless.yml and no Dockerfile"), e.getMessage());
        assertTrue(e.getMessage().contains("runtime: gitlab/runtimes/nodejs"), e.getMessage());
        DevserverException missing = assertThrows(DevserverException.class,
                () -> ProjectLoader.load(empty.resolve("serverless.yml"), Settings.defaults()));
        assertEquals(2, missing.exitCode());
    }

    @Test
    void namespaceDefaultIsASanitisedDnsLabel() {
        assertEquals("my-project-local", Names.sanitizeLabel("My..Project_-local"));
        assertEquals(63, Names.sanitizeLabel("a".repeat(100) + "-local").length());
        assertEquals("x", Names.sanitizeLabel("--X--"));
    }
}
