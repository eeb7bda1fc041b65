package dev.devserver.image;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildContextTest {
    @Test
    void runtimeContextHoldsTemplateSharedFilesAndSourceButNeverState(@TempDir Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("runtimes/my/rt"));
        Files.writeString(runtime.resolve("Dockerfile.template"), "FROM x\nENV H={{ .FunctionHandler }} N={{.FunctionName}}\nCOPY {{.CodeDirectory}} /f\n");
        Files.writeString(runtime.resolve("shim.js"), "shim");
        Files.createDirectories(runtime.resolve("offline"));
        Files.writeString(runtime.resolve("offline/BASE_IMAGE.Dockerfile"), "FROM debian");
        Path shared = Files.createDirectories(dir.resolve("runtimes/_shared"));
        Files.writeString(shared.resolve(".keep"), "");
        Path project = Files.createDirectories(dir.resolve("p"));
        Files.createDirectories(project.resolve("fn/.devserver"));
        Files.writeString(project.resolve("fn/handler.js"), "code");
        Files.writeString(project.resolve("fn/notes.txt"), "ignored");
        Files.writeString(project.resolve("fn/.dockerignore"), "notes.txt\n");
        Files.writeString(project.resolve("fn/.devserver/secret"), "never");
        Files.writeString(project.resolve("serverless.yml"),
                "service: s\nfunctions:\n  fn:\n    handler: main\n    source: ./fn\n    runtime: " + runtime + "\n");
        Project p = ProjectLoader.load(project, Settings.defaults());
        FunctionSpec f = p.function("fn").orElseThrow();

        BuildContext context = BuildContext.of(p, f, runtime, shared);

        assertEquals(java.util.List.of("Dockerfile", "_shared/.keep", "function/.dockerignore", "function/handler.js", "shim.js"),
                context.paths());
        String before = context.hash(Map.of());
        assertNotEquals(before, context.hash(Map.of("BASE_IMAGE", "other")), "build arguments change the image");
        Files.writeString(project.resolve("fn/notes.txt"), "still ignored");
        assertEquals(before, BuildContext.of(p, f, runtime, shared).hash(Map.of()), "ignored files do not count");
        Files.writeString(project.resolve("fn/handler.js"), "new code");
        assertNotEquals(before, BuildContext.of(p, f, runtime, shared).hash(Map.of()));
    }

    @Test
    void labelsGoRightAfterTheFinalStagesFrom() {
        String dockerfile = BuildContext.withLabels("FROM a AS build\nRUN x\nFROM b\nCOPY y z\n",
                new java.util.TreeMap<>(Map.of("k", "v \"q\"", "dev.devserver.function", "f")));
        assertEquals("FROM a AS build\nRUN x\nFROM b\nLABEL dev.devserver.function=\"f\" k=\"v \\\"q\\\"\"\nCOPY y z\n", dockerfile);
    }

    @Test
    void templateVariablesAreGitlabktlsNames() {
        String rendered = BuildContext.render("A={{.FunctionName}} B={{ .FunctionHandler }} C={{.Unknown}}",
                Map.of("FunctionName", "echo", "FunctionHandler", "main"));
        assertEquals("A=echo B=main C={{.Unknown}}", rendered);
        assertFalse(rendered.contains("FunctionName"));
        assertTrue(rendered.contains("{{.Unknown}}"), "unknown variables stay visible rather than vanish");
    }
}
