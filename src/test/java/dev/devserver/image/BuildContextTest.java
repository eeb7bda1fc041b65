package dev.devserver.image;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.devserver.DevserverException;
import java.util.ArrayList;
import org.junit.jupiter.api.Assertions;

class BuildContextTest {
    /** A reused image keeps the labels it was built with, and `prune` finds a project's images by them. */
    @Test
    void twoCopiesOfOneDockerfileProjectMakeTwoImages(@TempDir Path dir) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (String copy : List.of("one", "two")) {
            Path project = Files.createDirectories(dir.resolve(copy + "/app"));
            Files.writeString(project.resolve("Dockerfile"), "FROM debian:bookworm-slim\nCMD [\"true\"]\n");
            Project p = ProjectLoader.load(project, Settings.defaults());
            hashes.add(BuildContext.of(p, p.functions().get(0), null, dir.resolve("none")).hash(Map.of()));
        }
        assertNotEquals(hashes.get(0), hashes.get(1), "the same files in another project folder");
    }

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

        assertEquals(List.of("Dockerfile", "_shared/.keep", "function/.dockerignore", "function/handler.js", "shim.js"),
                context.paths());
        String before = context.hash(Map.of());
        assertNotEquals(before, context.hash(Map.of("BASE_IMAGE", "other")), "build arguments change the image");
        Files.writeString(project.resolve("fn/notes.txt"), "still ignored");
        assertEquals(before, BuildContext.of(p, f, runtime, shared).hash(Map.of()), "ignored files do not count");
        Files.writeString(project.resolve("fn/handler.js"), "new code");
        assertNotEquals(before, BuildContext.of(p, f, runtime, shared).hash(Map.of()));
    }

    /** A runtime function folder as users have them: dependencies installed on the host, a Git checkout, links. */
    private static Project linkedProject(Path dir, Path runtime) throws Exception {
        Path project = Files.createDirectories(dir.resolve("p"));
        Path fn = Files.createDirectories(project.resolve("fn"));
        Files.writeString(fn.resolve("handler.js"), "code");
        Files.createDirectories(fn.resolve("lib"));
        Files.writeString(fn.resolve("lib/util.js"), "util");
        Files.createSymbolicLink(fn.resolve("util.js"), Path.of("lib/util.js"));
        Files.createSymbolicLink(fn.resolve("lib-link"), Path.of("lib"));
        Files.writeString(dir.resolve("id_rsa"), "PRIVATE KEY");
        Files.createSymbolicLink(fn.resolve("key"), dir.resolve("id_rsa"));
        Files.createSymbolicLink(fn.resolve("up"), Path.of("../../id_rsa"));
        Files.createDirectories(fn.resolve("node_modules/left-pad"));
        Files.writeString(fn.resolve("node_modules/left-pad/index.js"), "host build");
        Files.createDirectories(fn.resolve(".git"));
        Files.writeString(fn.resolve(".git/HEAD"), "ref: refs/heads/main");
        Files.writeString(project.resolve("serverless.yml"),
                "service: s\nfunctions:\n  fn:\n    handler: main\n    source: ./fn\n    runtime: " + runtime + "\n");
        return ProjectLoader.load(project, Settings.defaults());
    }

    private static Path runtime(Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("runtimes/my/rt"));
        Files.writeString(runtime.resolve("Dockerfile.template"), "FROM x\nCOPY {{.CodeDirectory}} /f\n");
        return runtime;
    }

    @Test
    void linksAreArchivedAsLinksAndLinksLeavingTheFolderAreLeftOutAndReported(@TempDir Path dir) throws Exception {
        Path runtime = runtime(dir);
        Project p = linkedProject(dir, runtime);
        FunctionSpec f = p.function("fn").orElseThrow();

        BuildContext context = BuildContext.of(p, f, runtime, dir.resolve("none"));

        assertEquals(List.of("Dockerfile", "function/handler.js", "function/lib-link", "function/lib/util.js", "function/util.js"),
                context.paths(), "host node_modules/ and .git/ stay out, the outside links too");
        assertEquals(2, context.warnings().size(), context.warnings().toString());
        assertTrue(context.warnings().get(0).startsWith("./fn/key -> " + dir.resolve("id_rsa") + ": "), context.warnings().get(0));
        assertTrue(context.warnings().get(1).startsWith("./fn/up -> ../../id_rsa: "), context.warnings().get(1));
        assertEquals(context.warnings(), BuildContext.warnings(p, f), "validate reports what build leaves out");

        Map<String, TarArchiveEntry> tar = tarEntries(context);
        assertTrue(tar.get("function/util.js").isSymbolicLink());
        assertEquals("lib/util.js", tar.get("function/util.js").getLinkName());
        assertTrue(tar.get("function/lib-link").isSymbolicLink(), "a link to a folder is not walked into");
        String before = context.hash(Map.of());
        Files.writeString(dir.resolve("id_rsa"), "ANOTHER KEY");
        assertEquals(before, BuildContext.of(p, f, runtime, dir.resolve("none")).hash(Map.of()), "link targets are never read");
    }

    @Test
    void dockerignoreNegationBringsHostDependenciesBack(@TempDir Path dir) throws Exception {
        Path runtime = runtime(dir);
        Project p = linkedProject(dir, runtime);
        Files.writeString(p.dir().resolve("fn/.dockerignore"), "!node_modules\n");
        List<String> paths = BuildContext.of(p, p.function("fn").orElseThrow(), runtime, dir.resolve("none")).paths();
        assertTrue(paths.contains("function/node_modules/left-pad/index.js"), paths.toString());
        assertFalse(paths.contains("function/.git/HEAD"), paths.toString());
    }

    @Test
    void aDockerfileFunctionGetsItsFolderAsDockerWouldSendIt(@TempDir Path dir) throws Exception {
        Project p = linkedProject(dir, runtime(dir));
        Files.writeString(p.dir().resolve("fn/Dockerfile"), "FROM x\n");
        FunctionSpec linked = p.function("fn").orElseThrow();
        FunctionSpec own = new FunctionSpec("fn", linked.knativeService(), null, linked.source(), null, null,
                Map.of(), List.of(), Map.of(), Map.of(), null, linked.line());
        List<String> paths = BuildContext.of(p, own, null, null).paths();
        assertTrue(paths.contains("node_modules/left-pad/index.js") && paths.contains(".git/HEAD"), paths.toString());
        assertFalse(paths.contains("key"), paths.toString());
    }

    /** Over 2 GiB: a whole-file read would fail (no array that large), a streamed one takes constant memory. */
    @Test
    void hashingAndSendingStreamFilesOfAnySize(@TempDir Path dir) throws Exception {
        Path runtime = runtime(dir);
        Project p = linkedProject(dir, runtime);
        try (RandomAccessFile big = new RandomAccessFile(p.dir().resolve("fn/model.bin").toFile(), "rw")) {
            big.setLength(Integer.MAX_VALUE + 2L); // sparse: no disk used
        }
        BuildContext context = BuildContext.of(p, p.function("fn").orElseThrow(), runtime, dir.resolve("none"));
        assertEquals(12, context.hash(Map.of()).length());
        CountingStream counted = new CountingStream();
        context.writeTar(counted);
        assertTrue(counted.count > Integer.MAX_VALUE, "the whole file went into the tar: " + counted.count);
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static Map<String, TarArchiveEntry> tarEntries(BuildContext context) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        context.writeTar(bytes);
        Map<String, TarArchiveEntry> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), e);
            }
        }
        return entries;
    }

    @Test
    void buildCaGoesAfterEveryFromButScratch() {
        String dockerfile = BuildCa.addTo("FROM a AS build\nRUN x\nFROM scratch\nCOPY y z\nfrom b\nCMD [\"c\"]");
        String[] lines = dockerfile.split("\n");
        assertEquals("FROM a AS build", lines[0]);
        assertTrue(lines[1].startsWith("COPY _devserver/build-ca.crt "), lines[1]);
        assertEquals("FROM scratch", lines[5]);
        assertEquals("COPY y z", lines[6]);
        assertEquals("from b", lines[7]);
        assertTrue(lines[8].startsWith("COPY _devserver/build-ca.crt "), lines[8]);
        assertTrue(lines[10].contains("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt") && lines[10].contains("NODE_EXTRA_CA_CERTS="));
        assertEquals("CMD [\"c\"]", lines[11]);
    }

    @Test
    void aBuildCaFileWithoutCertificatesIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        DevserverException e = Assertions.assertThrows(DevserverException.class,
                () -> BuildCa.read(file));
        assertTrue(e.getMessage().startsWith(file + " (--build-ca-file) holds no PEM certificate"), e.getMessage());
    }

    @Test
    void labelsGoRightAfterTheFinalStagesFrom() {
        String dockerfile = BuildContext.withLabels("FROM a AS build\nRUN x\nFROM b\nCOPY y z\n",
                new TreeMap<>(Map.of("k", "v \"q\"", "dev.devserver.function", "f")));
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
