package dev.devserver.cli;

import com.sun.net.httpserver.HttpServer;
import dev.devserver.RunningUp;
import dev.devserver.project.ProjectDiscovery;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind bin/devserver's class-data archive for the verbs that serve nothing: it runs each of them
 * (and their common errors) once, in one JVM, on a throw-away project, so that the list of classes the JVM loaded
 * ({@code -XX:DumpLoadedClassList}) covers them all. Nothing it prints is kept; it touches only its own folder.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /**
     * What `get` and `kubeconfig` find of a running `up`: its record in .devserver/up.json (this process's pid, so
     * it counts as live), a CA file, and an API answering every path with a list of one ready Knative service.
     */
    private static HttpServer fakeUp(Path dir) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] list = ("{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"ServiceList\",\"items\":[{\"apiVersion\":"
                + "\"serving.knative.dev/v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"training-hello\"},\"status\":{"
                + "\"url\":\"http://training-hello.training-local.localhost\",\"latestCreatedRevisionName\":\"training-hello-00001\","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}]}").getBytes(StandardCharsets.UTF_8);
        api.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, list.length);
            exchange.getResponseBody().write(list);
            exchange.close();
        });
        api.start();
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        int port = api.getAddress().getPort();
        new RunningUp(ProcessHandle.current().pid(), "127.0.0.1", port, -1, "training-local", port, ca.toString()).write(dir);
        return api;
    }

    /**
     * A project shaped like a user's (sample-functions): quoted strings, maps and block lists, secrets, annotations,
     * a function of each kind of runtime and a Dockerfile one, so the parser's and the checks' usual paths are all
     * in the archive. A class the archive lacks costs a look-up through the class path at every run.
     */
    private static Path trainingProject(Path dir) throws IOException {
        for (String function : List.of("hello", "greeter", "docker")) {
            Files.createDirectories(dir.resolve(function));
        }
        Files.writeString(dir.resolve("hello/handler.js"), "module.exports = () => 'hi';\n");
        Files.writeString(dir.resolve("greeter/handler.py"), "def handle(req):\n    return 'hi'\n");
        Files.writeString(dir.resolve("docker/Dockerfile"), "FROM debian:bookworm-slim\nEXPOSE 8080\nCMD [\"true\"]\n");
        return Files.writeString(dir.resolve("serverless.yml"), """
                service: training
                description: "a project shaped like a user's"
                provider:
                  name: triggermesh
                  envs:
                    FOO: value
                  secrets:
                    - training-secrets
                functions:
                  hello:
                    handler: handler
                    source: ./hello
                    runtime: gitlab/runtimes/nodejs
                    description: "node.js"
                    envs:
                      MY_FUNCTION: hello
                    secrets:
                      - training-secrets
                  greeter:
                    source: ./greeter
                    runtime: openfaas/classic/python3
                    annotations:
                      autoscaling.knative.dev/maxScale: "3"
                  docker:
                    source: ./docker
                    description: 'a Dockerfile function'
                """);
    }

    public static void main(String... args) throws IOException {
        Path dir = Files.createTempDirectory("devserver-training");
        try {
            String file = trainingProject(dir).toString();
            String unknownPort = "1"; // nothing listens there: `get`'s "no devserver is running" path
            HttpServer api = fakeUp(dir);
            for (List<String> verb : List.of(List.of("--version"), List.of("--help"), List.of("validate", "-f", file),
                    List.of("validate", "--json", "-f", file), List.of("validate", "-f", dir.resolve("missing.yml").toString()),
                    List.of("render", "-f", file), List.of("secret", "list", "-f", file), List.of("logs", "--file", file),
                    List.of("get", "ksvc", "-f", file, "--port", unknownPort), List.of("get", "ksvc", "-f", file),
                    List.of("get", "ksvc", "-f", file, "-o", "yaml"), List.of("kubeconfig", "-f", file),
                    List.of("validate", "--no-such-option"))) {
                String[] verbArgs = verb.toArray(String[]::new);
                CommandLine commandLine = DevserverMain.withoutContainer(verbArgs);
                commandLine.setOut(new PrintWriter(Writer.nullWriter()));
                commandLine.setErr(new PrintWriter(Writer.nullWriter()));
                if (!DevserverMain.needsContainer(commandLine, verbArgs)) {
                    commandLine.execute(verbArgs);
                }
            }
            ProjectDiscovery.find(dir); // what the verbs run without -f (in the project's folder) do first
            api.stop(0);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
