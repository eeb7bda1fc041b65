package dev.devserver.image;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.StandardOpenOption;

class CodeLayerTest {
    private static final String TEMPLATE = "FROM node\nWORKDIR /app\nCOPY _shared/.keep {{ .CodeDirectory }}/package*.json ./function/\n"
            + "RUN npm install \\\n  --omit=dev\n# the code last\nCOPY {{ .CodeDirectory }}/ ./function/\n";
    @TempDir
    Path dir;
    Path runtime;
    Path shared;
    Path fn;
    Project project;
    FunctionSpec function;
    final DigestCache cache = new DigestCache();
    final CodeLayer layers = new CodeLayer();

    @BeforeEach
    void project() throws Exception {
        runtime = Files.createDirectories(dir.resolve("runtimes/rt"));
        Files.writeString(runtime.resolve("Dockerfile.template"), TEMPLATE);
        shared = Files.createDirectories(dir.resolve("runtimes/_shared"));
        Files.writeString(shared.resolve(".keep"), "");
        fn = Files.createDirectories(dir.resolve("p/fn"));
        Files.createDirectories(fn.resolve("assets"));
        Files.writeString(fn.resolve("handler.js"), "v1");
        Files.writeString(fn.resolve("package.json"), "{}");
        Files.write(fn.resolve("assets/big.bin"), new byte[1 << 20]);
        Files.writeString(dir.resolve("p/serverless.yml"),
                "service: s\nfunctions:\n  fn:\n    handler: handler\n    source: ./fn\n    runtime: " + runtime + "\n");
        project = ProjectLoader.load(dir.resolve("p"), Settings.defaults());
        function = project.function("fn").orElseThrow();
    }

    private Optional<CodeLayer.Plan> planAfterBase(Runnable edit) throws Exception {
        BuildContext before = BuildContext.of(project, function, runtime, shared);
        layers.remember("s-fn:old", "sha256:base", Map.of(), before.digest(Map.of(), cache));
        edit.run();
        BuildContext after = BuildContext.of(project, function, runtime, shared);
        return layers.plan("s-fn:new", after, after.digest(Map.of(), cache));
    }

    private static String text(ContextEntry entry) {
        return new String(entry.content(), StandardCharsets.UTF_8);
    }

    @Test
    void aCodeEditIsTheBasePlusTheChangedFilesWithTheTemplatesLastCopy() throws Exception {
        CodeLayer.Plan plan = planAfterBase(() -> write("handler.js", "v2")).orElseThrow();
        assertEquals("sha256:base", plan.baseImageId());
        assertEquals(List.of("function/handler.js", "Dockerfile"), plan.entries().stream().map(ContextEntry::path).toList());
        assertEquals("FROM sha256:base\nLABEL dev.devserver.code-layers=\"1\"\nCOPY function/ ./function/",
                text(plan.entries().get(1)));
        assertEquals(List.of("handler.js"), plan.codeFiles().stream().map(ContextEntry::path).toList(),
                "committed without a build: the same files where the COPY puts them");
        assertEquals("./function/", plan.destination());
        assertEquals(1, plan.layers());
    }

    @Test
    void aNewFileGoesInTheLayerButADeletedOneNeedsAFullBuild() throws Exception {
        assertEquals(List.of("function/new.js", "Dockerfile"), planAfterBase(() -> write("new.js", "x")).orElseThrow()
                .entries().stream().map(ContextEntry::path).toList());
        assertTrue(planAfterBase(() -> delete("handler.js")).isEmpty(), "a deleted file would stay in the base's layer");
    }

    @Test
    void aManifestAnEarlierStepCopiesNeedsAFullBuild() throws Exception {
        assertTrue(planAfterBase(() -> write("package.json", "{\"dependencies\":{}}")).isEmpty());
    }

    @Test
    void aChangedTemplateOrBuildArgumentNeedsAFullBuild() throws Exception {
        assertTrue(planAfterBase(() -> {
            try {
                Files.writeString(runtime.resolve("Dockerfile.template"), TEMPLATE.replace("FROM node", "FROM node:22"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).isEmpty());
        BuildContext context = BuildContext.of(project, function, runtime, shared);
        layers.remember("s-fn:a", "sha256:base", Map.of(), context.digest(Map.of(), cache));
        write("handler.js", "v3");
        BuildContext edited = BuildContext.of(project, function, runtime, shared);
        assertTrue(layers.plan("s-fn:b", edited, edited.digest(Map.of("BASE_IMAGE", "other"), cache)).isEmpty());
    }

    @Test
    void baseStackedTooOftenOrATemplateBuildingAfterTheCodeNeedsAFullBuild() throws Exception {
        BuildContext context = BuildContext.of(project, function, runtime, shared);
        layers.remember("s-fn:a", "sha256:base", Map.of(CodeLayer.LAYERS_LABEL, "3"), context.digest(Map.of(), cache));
        write("handler.js", "v4");
        BuildContext edited = BuildContext.of(project, function, runtime, shared);
        assertTrue(layers.plan("s-fn:b", edited, edited.digest(Map.of(), cache)).isEmpty());

        Files.writeString(runtime.resolve("Dockerfile.template"), TEMPLATE + "RUN go build\n");
        assertTrue(planAfterBase(() -> write("handler.js", "v5")).isEmpty(), "compiled runtimes build after the copy");
    }

    @Test
    void unchangedFilesAreNotReadAgainButAChangeOfSizeOrTimeIs() throws Exception {
        Path big = fn.resolve("assets/big.bin");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(big, old);
        String first = BuildContext.of(project, function, runtime, shared).digest(Map.of(), cache).code().get("function/assets/big.bin");
        Files.write(big, new byte[]{1}, StandardOpenOption.WRITE); // same size, first byte changed
        Files.setLastModifiedTime(big, old);
        assertEquals(first, BuildContext.of(project, function, runtime, shared).digest(Map.of(), cache).code()
                .get("function/assets/big.bin"), "same size and time: the cached digest (git's index does the same)");
        Files.setLastModifiedTime(big, FileTime.fromMillis(old.toMillis() + 1000));
        String changed = BuildContext.of(project, function, runtime, shared).digest(Map.of(), cache).code().get("function/assets/big.bin");
        assertTrue(!first.equals(changed), "a new modification time reads the file again");
        assertEquals(changed, BuildContext.of(project, function, runtime, shared).digest(Map.of(), new DigestCache())
                .code().get("function/assets/big.bin"), "and agrees with a fresh read");
    }

    @Test
    void aFileEditedWithinTheLastSecondsIsAlwaysReadAgain() throws Exception {
        write("handler.js", "aaaa");
        BuildContext.of(project, function, runtime, shared).digest(Map.of(), cache);
        FileTime time = Files.getLastModifiedTime(fn.resolve("handler.js"));
        write("handler.js", "bbbb"); // same size, maybe the same clock tick
        Files.setLastModifiedTime(fn.resolve("handler.js"), time);
        assertEquals(BuildContext.of(project, function, runtime, shared).digest(Map.of(), new DigestCache()).hash(),
                BuildContext.of(project, function, runtime, shared).digest(Map.of(), cache).hash());
    }

    @Test
    void instructionsJoinContinuationsAndDropComments() {
        assertEquals(List.of("FROM a", "RUN x y", "COPY function/ ./function/"),
                CodeLayer.instructions("# c\nFROM a\n\nRUN x \\\n  y\n# more\nCOPY function/ ./function/\n"));
    }

    private void write(String name, String content) {
        try {
            Files.writeString(fn.resolve(name), content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void delete(String name) {
        try {
            Files.delete(fn.resolve(name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
