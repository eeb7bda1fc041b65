package dev.devserver.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.observe.metrics.MetricsView;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Mode;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The API handler on a real Vert.x HTTP server that plays the router: devserver's own hosts go to the API, any
 * other Host is answered as the function would (echoing what it got), so invoke's trip through "the router" shows.
 * Logs and metrics are simple in-test implementations of the observe contracts (fakes for pure logic only).
 */
final class TestApi implements BeforeAllCallback, AfterAllCallback {
    static final String SECRET_VALUE = "s3cr3t-value-never-shown";
    static final Instant CREATED = Instant.parse("2024-05-01T10:00:00.123456Z");
    /** The project's folder: the Kubernetes API keeps its token (and secrets written through it) under it. */
    static final Path DIR = tempDir();

    final Vertx vertx = Vertx.vertx();
    final List<String> searches = new CopyOnWriteArrayList<>();
    final List<String> functionHosts = new CopyOnWriteArrayList<>();
    volatile Consumer<ObjectNode> follower;
    HttpServer server;
    int port;
    /** The router's HTTPS port as the API sees it; -1: HTTPS off. A test may turn it on. */
    volatile int httpsPort = -1;
    volatile ApiServer api; // set once the port is known; the server only calls it after that

    /** Starts the server and the API once per test class ({@code @RegisterExtension static final TestApi api}). */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = vertx.createHttpServer();
        server.requestHandler(request -> {
            String host = Access.hostName(request.getHeader("Host"));
            if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("evil.example")
                    && (request.path().startsWith("/api") || request.path().startsWith("/devserver/"))) {
                this.api.handle(request);
                return;
            }
            functionHosts.add(request.getHeader("Host"));
            request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                    .putHeader("X-Echo-Method", request.method().name())
                    .end(body.length() == 0 ? "{\"path\":\"" + request.path() + "\"}" : body.toString()));
        });
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        api = new ApiServer(vertx, TestApi::project, this::views, "127.0.0.1", port, () -> httpsPort, logs(), metrics(), null);
    }

    static Project project() {
        FunctionSpec echo = new FunctionSpec("echo", "functions-echo", "echo", Path.of("/p/echo"), "gitlab/runtimes/nodejs",
                "echoes its input", Map.of("TOKEN", SECRET_VALUE), List.of("my-secrets"), Map.of(), Map.of(), null, 9);
        FunctionSpec broken = new FunctionSpec("broken", "functions-broken", null, Path.of("/p/broken"), null,
                "never builds", Map.of(), List.of(), Map.of(), Map.of(), null, 15);
        return new Project(DIR, DIR.resolve("serverless.yml"), Mode.FUNCTIONS, "functions", "GitLab functions",
                "ns", "localhost", null, Map.of("FOO", SECRET_VALUE), List.of(), Map.of(), List.of(echo, broken), List.of());
    }

    List<FunctionView> views() {
        String url = "http://functions-echo.ns.localhost:" + port;
        RevisionView r1 = new RevisionView("functions-echo-00001", "functions-echo", "functions-echo:abc", CREATED, true, null, 1, true);
        return List.of(
                new FunctionView("echo", "functions-echo", "ns", url, true, null, "functions-echo-00001", "functions-echo-00001",
                        List.of(r1), 1, CREATED),
                new FunctionView("broken", "functions-broken", "ns", "http://functions-broken.ns.localhost:" + port, false,
                        "build failed: Step 2/3 exited 1", null, null, List.of(), 0, CREATED));
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("devserver-api-test");
            dir.toFile().deleteOnExit();
            return dir.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's API token, made on the first Kubernetes API request (this one makes it if needed). */
    static String token() {
        return dev.devserver.api.kube.ApiToken.forProject(DIR).value();
    }

    private LogSearch logs() {
        return new LogSearch() {
            @Override
            public List<ObjectNode> search(String function, String query, Instant since, int limit) {
                if (query != null && query.contains("(")) {
                    throw new DevserverException("unbalanced parenthesis at column 1 of the query");
                }
                searches.add(function + "|" + query + "|" + limit);
                List<ObjectNode> lines = new ArrayList<>();
                ObjectNode request = JsonNodeFactory.instance.objectNode().put("timestamp", CREATED.toString()).put("service", "functions-echo");
                request.putObject("httpRequest").put("requestMethod", "POST").put("status", 200).put("latency", "0.004s");
                lines.add(request);
                lines.add(JsonNodeFactory.instance.objectNode().put("function", "echo").put("stream", "stdout").put("message", "listening"));
                return lines;
            }

            @Override
            public List<ObjectNode> search(String function, String query, Instant since, Instant until, int limit) {
                return search(function, query, since, limit);
            }

            @Override
            public void scan(String function, String query, Instant since, Instant until, Consumer<ObjectNode> each) {
                search(function, query, since, until, Integer.MAX_VALUE).forEach(each);
            }

            @Override
            public AutoCloseable follow(String function, String query, Consumer<ObjectNode> listener) {
                follower = listener;
                return () -> follower = null;
            }
        };
    }

    private static MetricsView metrics() {
        return new MetricsView() {
            @Override
            public String scrape() {
                return "revision_request_count{service_name=\"functions-echo\"} 3\n";
            }

            @Override
            public List<Point> invocationsPerMinute(String function, int minutes) {
                return List.of(new Point(Instant.parse("2024-05-01T10:00:00Z"), 2), new Point(Instant.parse("2024-05-01T10:01:00Z"), 5));
            }
        };
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
