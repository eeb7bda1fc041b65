package dev.devserver.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.HashMap;
import java.util.zip.ZipFile;

/**
 * The release archive installed as a user installs it: unpacked into an empty folder, its bin/ on PATH, and run in a
 * project outside the checkout with no variable pointing back at the checkout and a `mvn` that fails if called.
 */
class ArchiveIT {
    @TempDir
    Path temp;

    @Test
    void theUnpackedArchiveRunsOnItsOwn() throws Exception {
        Engine.docker();
        Path install = Files.createDirectories(temp.resolve("opt"));
        run(List.of("tar", "-xzf", archive("tar.gz").toString(), "-C", install.toString()), install, Map.of());
        Path home;
        try (Stream<Path> top = Files.list(install)) {
            home = top.findFirst().orElseThrow();
        }
        assertTrue(Files.isExecutable(home.resolve("bin/devserver")), "bin/devserver is not executable");
        Path project = TestProjects.copy("gitlab-example", temp.resolve("work")).toRealPath();
        Path function = project.resolve("echo-js");
        Map<String, String> env = userEnvironment(home.resolve("bin"));

        String version = run(devserver("--version"), function, env);
        String commit = run(List.of("git", "rev-parse", "HEAD"), Engine.CHECKOUT, Map.of()).trim();
        assertTrue(version.matches("devserver \\S+ \\(commit [0-9a-f]{7,} of \\d{4}-\\d\\d-\\d\\d\\)\\s*"), version);
        assertTrue(commit.startsWith(version.replaceAll("(?s).*commit ([0-9a-f]+).*", "$1")), version + " vs " + commit);

        assertTrue(run(devserver("completion", "bash"), function, env)
                .contains("complete -F _complete_devserver"));
        String validate = run(devserver("validate"), function, env);
        assertTrue(validate.contains("✔ serverless.yml is valid: service functions, 1 function(s)"), validate);
        assertTrainedClassPathKeepsEveryJar(home, env);
        assertEquals(validate, run(devserver("validate"), function, env), "the same answer with the trained archive");

        int port = DevserverProcess.freePort();
        Path log = temp.resolve("up.log");
        ProcessBuilder upBuilder = new ProcessBuilder(devserver("up", "--port", String.valueOf(port), "--no-watch"))
                .directory(function.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        upBuilder.environment().clear();
        upBuilder.environment().putAll(env);
        Process up = upBuilder.start();
        try {
            // Generous: on a fresh machine this first `up` also builds the offline nodejs base (minutes on 2 busy cores).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
            while (!read(log).contains("Press Ctrl-C")) {
                assertTrue(up.isAlive(), () -> "up exited: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "up not ready: " + read(log));
                Thread.sleep(200);
            }
            HttpResponse<String> echo = Http.send(port, "functions-echo-js.gitlab-example-local.localhost", "POST", "/",
                    "application/json", "{\"installed\":true}");
            assertEquals(200, echo.statusCode(), echo.body());
            assertEquals("{\"installed\":true}", echo.body());
        } finally {
            up.destroy(); // bin/devserver exec'd java: this is Ctrl-C's path, the shutdown hook removes the containers
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), read(log));
        }
        assertFalse(Files.exists(temp.resolve("mvn-was-called")), "the installed devserver ran Maven");
        assertFalse(read(log).contains(Engine.CHECKOUT.toString()), read(log));
    }

    @Test
    void theZipHoldsTheSameFiles() throws Exception {
        List<String> tar = List.of(run(List.of("tar", "-tzf", archive("tar.gz").toString()), temp, Map.of())
                .split("\n")).stream().filter(n -> !n.endsWith("/")).sorted().toList();
        List<String> zip = new ArrayList<>();
        try (var z = new ZipFile(archive("zip").toFile())) {
            z.stream().filter(e -> !e.isDirectory()).forEach(e -> zip.add(e.getName()));
        }
        assertEquals(tar, zip.stream().sorted().toList());
        assertTrue(tar.stream().anyMatch(n -> n.endsWith("/runtimes/gitlab/runtimes/nodejs/Dockerfile.template")), tar.toString());
        assertTrue(tar.stream().anyMatch(n -> n.endsWith("/quarkus-app/quarkus-run.jar")), tar.toString());
        assertTrue(tar.stream().anyMatch(n -> n.endsWith("/sample-functions/serverless.yml")), tar.toString());
    }

    /** `devserver ARGS` as a shell runs it: found on the PATH of the environment given to the process. */
    private static List<String> devserver(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec devserver \"$@\"", "devserver"));
        command.addAll(List.of(args));
        return command;
    }

    private static Path archive(String extension) throws IOException {
        try (Stream<Path> files = Files.list(Engine.CHECKOUT.resolve("target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("devserver-.*\\." + extension.replace(".", "\\.")))
                    .toList();
            assertEquals(1, found.size(), "expected one release archive in target/, found " + found);
            return found.get(0);
        }
    }

    /**
     * This JVM's environment less every variable naming the checkout (DEVSERVER_RUNTIMES, Maven's own, PWD, …),
     * with the install's bin/ first on PATH and before it a `mvn` that records being called and fails.
     */
    private Map<String, String> userEnvironment(Path bin) throws IOException {
        Path trap = Files.createDirectories(temp.resolve("trap"));
        Path mvn = trap.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch " + temp.resolve("mvn-was-called") + "\nexit 99\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        String checkout = Engine.CHECKOUT.toString();
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!v.contains(checkout) && !k.startsWith("DEVSERVER_RUNTIMES")) {
                env.put(k, v);
            }
        });
        String path = Stream.of(System.getenv("PATH").split(":")).filter(p -> !p.contains(checkout))
                .reduce(trap + ":" + bin, (a, b) -> a + ":" + b);
        env.put("PATH", path);
        env.put("DEVSERVER_OFFLINE_BASES", "1");
        env.put("XDG_CACHE_HOME", Files.createDirectories(temp.resolve("cache")).toString()); // its own archives
        return env;
    }

    /**
     * The first light verb trained the class-data archive in the background, with the class path it was made for:
     * the jars the training loaded from first, and behind them every other jar of the install, for a path the
     * training never took.
     */
    private void assertTrainedClassPathKeepsEveryJar(Path home, Map<String, String> env) throws Exception {
        Path cache = Path.of(env.get("XDG_CACHE_HOME"), "devserver");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        List<Path> trained;
        do {
            assertTrue(System.nanoTime() < deadline, "no trained archive in " + cache);
            Thread.sleep(500);
            try (Stream<Path> files = Files.list(cache)) {
                trained = files.filter(f -> f.toString().endsWith("-light.jsa.cp")).toList();
            }
        } while (trained.isEmpty() || !Files.exists(Path.of(trained.get(0).toString().replaceAll("\\.cp$", ""))));
        List<String> classPath = List.of(Files.readString(trained.get(0)).trim().split(":"));
        List<String> jars;
        try (Stream<Path> files = Stream.of("app", "lib/boot", "lib/main").flatMap(d -> list(home.resolve("quarkus-app/" + d)))) {
            jars = files.map(Path::toString).filter(f -> f.endsWith(".jar")).toList();
        }
        assertEquals(jars.size(), classPath.size(), String.join("\n", classPath));
        assertTrue(classPath.containsAll(jars), String.join("\n", classPath));
        assertTrue(classPath.get(0).contains("/quarkus-app/app/"), "the application's own jar first: " + classPath.get(0));
        int picocli = classPath.indexOf(jars.stream().filter(j -> j.contains("picocli")).findFirst().orElseThrow());
        int netty = classPath.indexOf(jars.stream().filter(j -> j.contains("netty-codec-http2")).findFirst().orElseThrow());
        assertTrue(picocli < netty, "picocli, which every light verb loads, comes before netty's HTTP/2, which none does");
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (!env.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
