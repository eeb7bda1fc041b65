package dev.devserver.project.scaffold;

import dev.devserver.DevserverException;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Runtimes;
import dev.devserver.project.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver init` without the CLI: one scaffold per runtime, and every refusal leaving the project untouched. */
class ScaffoldTest {
    private static final Path SAMPLES = Path.of("sample-functions").toAbsolutePath();

    @TempDir
    Path tmp;

    static Stream<String> runtimes() {
        return Starter.ALL.keySet().stream().sorted();
    }

    @Test
    void everyAliasHasAStarter() {
        Set<String> expected = new HashSet<>(Runtimes.ALIASES);
        expected.add(Starter.DOCKERFILE);
        assertEquals(expected, Starter.ALL.keySet());
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void scaffoldsALoadableFunctionIdenticalToItsSample(String runtime) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("My Project"));
        Scaffold.Result r = Scaffold.init(project, runtime, "new-fn");
        assertTrue(r.createdServerlessFile());
        Project loaded = ProjectLoader.load(project, Settings.defaults());
        assertEquals("my-project", loaded.service());
        FunctionSpec f = loaded.function("new-fn").orElseThrow();
        assertEquals(Starter.DOCKERFILE.equals(runtime) ? null : runtime, f.runtime());
        assertEquals(project.resolve("new-fn").toRealPath(), f.source());
        Starter starter = Starter.ALL.get(runtime);
        assertEquals(starter.handler("new-fn"), f.handler());
        for (Starter.StarterFile file : starter.files()) {
            assertEquals(Files.readString(SAMPLES.resolve(starter.sample()).resolve(file.resource())),
                    Files.readString(r.functionDir().resolve(file.target("new-fn"))), file.resource());
        }
    }

    @Test
    void nodejsHandlerFileTakesTheFunctionName() throws IOException {
        Scaffold.init(tmp, "gitlab/runtimes/nodejs", "greet");
        assertTrue(Files.isRegularFile(tmp.resolve("greet/greet.js")));
        assertEquals("greet", ProjectLoader.load(tmp, Settings.defaults()).function("greet").orElseThrow().handler());
    }

    /** The starters are the samples: same runtime and handler in sample-functions/serverless.yml, same files. */
    @ParameterizedTest
    @MethodSource("runtimes")
    void starterTableMatchesTheSampleProject(String runtime) throws IOException {
        Starter starter = Starter.ALL.get(runtime);
        FunctionSpec sample = ProjectLoader.load(SAMPLES, Settings.defaults()).function(starter.sample()).orElseThrow();
        assertEquals(starter.runtimeKey(), sample.runtime());
        assertEquals(starter.handler(starter.sample()), sample.handler());
        Path folder = SAMPLES.resolve(starter.sample());
        try (Stream<Path> files = Files.walk(folder)) {
            Set<String> onDisk = files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString())
                    .collect(Collectors.toSet());
            assertEquals(onDisk, starter.files().stream().map(Starter.StarterFile::resource).collect(Collectors.toSet()));
        }
    }

    @Test
    void commentsBlankLinesAndOrderSurvive() throws IOException {
        String before = """
                # my functions
                service: shop   # the service

                functions:
                    # the first one
                    a:
                        handler: a
                        source: ./a
                        runtime: gitlab/runtimes/nodejs

                    # b: disabled for now
                # trailing remark
                provider:
                    name: triggermesh
                """;
        Path yml = project(before, "a");
        Scaffold.init(yml, "openfaas/classic/python3", "hello");
        String after = Files.readString(yml);
        assertEquals(before.replace("    # b: disabled for now\n", """
                    # b: disabled for now

                    hello:
                        source: ./hello
                        runtime: openfaas/classic/python3
                        description: "openfaas/classic/python3 function"
                """), after);
        assertEquals(List.of("a", "hello"), names(yml));
    }

    @Test
    void addsFunctionsSectionWhenMissingOrEmpty() throws IOException {
        Path missing = project("service: shop\nprovider:\n  name: triggermesh", null);
        Scaffold.init(missing, "openfaas/classic/go", "x");
        assertEquals("service: shop\nprovider:\n  name: triggermesh\n\nfunctions:\n  x:\n    source: ./x\n"
                + "    runtime: openfaas/classic/go\n    description: \"openfaas/classic/go function\"\n", Files.readString(missing));
        Path empty = project("service: shop\r\nfunctions: {}  # none yet\r\n", null);
        Scaffold.init(empty, Starter.DOCKERFILE, "web");
        assertEquals("service: shop\r\nfunctions:  # none yet\r\n  web:\r\n    source: ./web\r\n"
                + "    description: \"Dockerfile function\"\r\n", Files.readString(empty));
        assertEquals(List.of("web"), names(empty));
    }

    @Test
    void refusesANameThatIsNotADnsLabel() {
        DevserverException e = assertThrows(DevserverException.class, () -> Scaffold.init(tmp, "gitlab/runtimes/go", "My_Fn"));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("`My_Fn` is not a DNS label") && e.getMessage().contains("`my-fn`"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("serverless.yml")));
    }

    @Test
    void refusesAnUnknownRuntimeWithTheClosestAlias() {
        DevserverException e = assertThrows(DevserverException.class, () -> Scaffold.init(tmp, "gitlab/runtimes/nodjs", "f"));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("did you mean `gitlab/runtimes/nodejs`?"), e.getMessage());
        assertTrue(assertThrows(DevserverException.class, () -> Scaffold.init(tmp, "Docker", "f")).getMessage()
                .contains("did you mean `dockerfile`?"));
        assertFalse(Files.exists(tmp.resolve("f")));
    }

    @Test
    void refusesAnExistingFunctionAndANonEmptyFolder() throws IOException {
        String text = "service: shop\nfunctions:\n  a:\n    source: ./a\n";
        Path yml = project(text, "a");
        DevserverException exists = assertThrows(DevserverException.class, () -> Scaffold.init(yml, "gitlab/runtimes/go", "a"));
        assertTrue(exists.getMessage().contains("serverless.yml:3: function `a` already exists"), exists.getMessage());
        Files.writeString(Files.createDirectories(tmp.resolve("b")).resolve("keep.txt"), "mine");
        DevserverException busy = assertThrows(DevserverException.class, () -> Scaffold.init(yml, "gitlab/runtimes/go", "b"));
        assertTrue(busy.getMessage().contains("already exists and is not an empty folder"), busy.getMessage());
        assertEquals(text, Files.readString(yml));
        assertEquals(List.of(tmp.resolve("b/keep.txt")), Files.list(tmp.resolve("b")).toList());
    }

    @Test
    void refusesAnInvalidProjectWithExitTwo() throws IOException {
        Path yml = project("service: Bad_Name\nfunctions: {}\n", null);
        DevserverException e = assertThrows(DevserverException.class, () -> Scaffold.init(yml, "gitlab/runtimes/go", "f"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("Nothing was changed") && e.getMessage().contains("serverless.yml:1:1: service name"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("f")));
    }

    @Test
    void rollsBackWhenTheResultWouldBeInvalid() throws IOException {
        // service + function name exceed Knative's 63-character service name: only the validator knows that.
        String text = "service: " + "s".repeat(62) + "\nfunctions: {}\n";
        Path yml = project(text, null);
        DevserverException e = assertThrows(DevserverException.class, () -> Scaffold.init(yml, "gitlab/runtimes/go", "fn"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("Nothing was changed"), e.getMessage());
        assertEquals(text, Files.readString(yml));
        assertFalse(Files.exists(tmp.resolve("fn")));
    }

    private Path project(String yml, String existingFunction) throws IOException {
        if (existingFunction != null) {
            Files.writeString(Files.createDirectories(tmp.resolve(existingFunction)).resolve("Dockerfile"), "FROM scratch\n");
        }
        return Files.writeString(tmp.resolve("serverless.yml"), yml);
    }

    private static List<String> names(Path yml) {
        return ProjectLoader.load(yml, Settings.defaults()).functions().stream().map(FunctionSpec::name).toList();
    }
}
