package dev.devserver.render;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static dev.devserver.CommandOutput.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver render` end to end through Quarkus and picocli. */
@QuarkusMainTest
class RenderCommandTest {
    @TempDir
    Path tmp;

    private static String sampleFile() {
        return Projects.GITLAB_SAMPLE.resolve("serverless.yml").toString();
    }

    @Test
    void printsValidServicesToStandardOutput(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult r = launcher.launch("render", "-f", sampleFile(), "--namespace", "functions-1");
        assertEquals(0, r.exitCode(), all(r));
        List<Map<String, Object>> docs = Projects.parseAll(r.getOutput());
        assertEquals(1, docs.size(), r.getOutput());
        assertEquals("functions-echo-js", Projects.at(docs.get(0), "metadata.name"));
        assertEquals(List.of(), KnativeSchema.problems(docs.get(0)));

        Path shop = Projects.writeRich(tmp);
        LaunchResult rich = launcher.launch("render", "-f", shop.toString(), "--namespace", "ns", "--registry", "r.example/x");
        assertEquals(0, rich.exitCode(), all(rich));
        List<Map<String, Object>> richDocs = Projects.parseAll(rich.getOutput());
        assertEquals(List.of("r.example/x/shop-cart:latest", "r.example/x/shop-plain:latest"), richDocs.stream()
                .map(d -> Projects.at(d, "spec.template.spec.containers.0.image")).toList());
        assertFalse(rich.getOutput().contains("kind: Secret"), rich.getOutput());
    }

    @Test
    void secretsFlagWarnsAboutSecretsTheStoreLacks(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("render", "-f", sampleFile(), "--namespace", "functions-1", "--secrets");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("secret `my-secrets` is not in the local secret store"), all(r));
        assertTrue(r.getErrorOutput().contains("kubectl create secret generic my-secrets -n functions-1"), all(r));
        assertEquals(1, Projects.parseAll(r.getOutput()).size(), r.getOutput());
    }

    @Test
    void writesOneFilePerObjectAndOnlyReplacesItsOwn(QuarkusMainLauncher launcher) throws IOException {
        Path out = tmp.resolve("manifests");
        LaunchResult first = launcher.launch("render", "-f", sampleFile(), "--namespace", "ns", "-o", out.toString());
        assertEquals(0, first.exitCode(), all(first));
        Path file = out.resolve("functions-echo-js.ksvc.yaml");
        assertTrue(first.getOutput().contains("created " + file), all(first));
        String text = Files.readString(file);
        assertTrue(text.startsWith(ManifestFiles.MARKER + "\n"), text);
        Map<String, Object> svc = new Yaml().load(text);
        assertEquals(List.of(), KnativeSchema.problems(svc));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        LaunchResult again = launcher.launch("render", "-f", sampleFile(), "--namespace", "ns", "-o", out.toString());
        assertEquals(0, again.exitCode(), all(again));
        assertTrue(again.getOutput().contains("updated " + file), all(again));

        Files.writeString(file, "# my hand-written service\n");
        LaunchResult refused = launcher.launch("render", "-f", sampleFile(), "-o", out.toString());
        assertEquals(1, refused.exitCode(), all(refused));
        assertTrue(refused.getErrorOutput().contains("not written by devserver render"), all(refused));
        assertTrue(refused.getErrorOutput().contains(file.toString()), all(refused));
        assertTrue(refused.getErrorOutput().contains("--force"), all(refused));
        assertEquals("# my hand-written service\n", Files.readString(file));

        LaunchResult forced = launcher.launch("render", "-f", sampleFile(), "-o", out.toString(), "--force");
        assertEquals(0, forced.exitCode(), all(forced));
        assertTrue(forced.getOutput().contains("replaced (--force) " + file), all(forced));
        assertTrue(Files.readString(file).startsWith(ManifestFiles.MARKER), Files.readString(file));
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitlabCiUsesTheServerlessTemplateJobsForTheMode(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult functions = launcher.launch("render", "--gitlab-ci", "-f", sampleFile());
        assertEquals(0, functions.exitCode(), all(functions));
        Map<String, Object> ci = new Yaml().load(functions.getOutput());
        assertEquals(List.of(Map.of("template", "Serverless.gitlab-ci.yml")), ci.get("include"));
        assertEquals(List.of("build", "test", "deploy"), ci.get("stages"));
        assertEquals(Map.of("extends", ".serverless:build:functions", "environment", "production"), ci.get("functions:build"));
        assertEquals(Map.of("extends", ".serverless:deploy:functions", "environment", "production"), ci.get("functions:deploy"));
        assertEquals(4, ci.size(), functions.getOutput());

        LaunchResult app = launcher.launch("render", "--gitlab-ci", "-f", Projects.writeApplication(tmp).toString());
        assertEquals(0, app.exitCode(), all(app));
        Map<String, Object> appCi = new Yaml().load(app.getOutput());
        assertEquals(Map.of("extends", ".serverless:build:image"), appCi.get("build"));
        assertEquals(Map.of("extends", ".serverless:deploy:image"), appCi.get("deploy"));
        assertEquals(List.of("build", "test", "deploy"), appCi.get("stages"));
        assertEquals(4, appCi.size(), app.getOutput());

        LaunchResult mixed = launcher.launch("render", "--gitlab-ci", "-o", tmp.resolve("x").toString(), "-f", sampleFile());
        assertEquals(1, mixed.exitCode(), all(mixed));
        assertTrue(mixed.getErrorOutput().contains("--gitlab-ci prints only the CI file"), all(mixed));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void invalidProjectExitsTwoWithoutStackTrace(QuarkusMainLauncher launcher) throws IOException {
        Path bad = Files.writeString(tmp.resolve("serverless.yml"), "service: Bad_Name\nfunctions: {}\n");
        LaunchResult r = launcher.launch("render", "-f", bad.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertFalse(all(r).contains("Exception"), all(r));
        assertEquals("", r.getOutput().strip());
    }
}
