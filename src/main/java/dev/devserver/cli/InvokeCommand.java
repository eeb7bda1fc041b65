package dev.devserver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.DevserverException;
import dev.devserver.RunningUp;
import dev.devserver.api.CloudEvent;
import dev.devserver.project.ProjectDiscovery;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code devserver invoke FUNCTION}: one request to a function through the running {@code up}'s router (so it is
 * activated, logged and counted like any other), optionally as a CloudEvent the way Knative's {@code func invoke}
 * sends one. The body goes to stdout; status, latency and (with -i) headers to stderr, so the body can be piped.
 */
@Command(name = "invoke", description = "Send one request (or a CloudEvent) to a function of the running `devserver up`"
        + " and print its answer: the body on stdout, status and latency (and headers with -i) on stderr."
        + " Exits 0 for a 1xx-3xx answer, 1 otherwise.")
public class InvokeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function's name in serverless.yml (or its Knative service name)")
    String function;

    @Option(names = {"-d", "--data"}, paramLabel = "D", description = "Request body (default: none; with --cloudevent: the event's data)")
    String data;

    @Option(names = "--file", paramLabel = "F", description = "Read the request body from this file instead")
    Path file;

    @Option(names = {"-H", "--header"}, paramLabel = "'K: V'", description = "A request header; repeat for more")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-X", "--method"}, paramLabel = "M", description = "HTTP method (default: POST with a body or an event, else GET)")
    String method;

    @Option(names = "--path", paramLabel = "P", defaultValue = "/", description = "Request path and query (default: ${DEFAULT-VALUE})")
    String path;

    @Option(names = {"-i", "--include"}, description = "Print the response headers too")
    boolean include;

    @Option(names = "--cloudevent", description = "Send a CloudEvent (binary mode: ce-* headers) with the body as its data")
    boolean cloudEvent;

    @Option(names = "--type", paramLabel = "T", description = "The event's type (with --cloudevent)")
    String type;

    @Option(names = "--source", paramLabel = "S", description = "The event's source (with --cloudevent)")
    String source;

    @Option(names = "--id", paramLabel = "I", description = "The event's id (with --cloudevent; default: a random UUID)")
    String id;

    @Option(names = "--structured", description = "Send the event in structured mode (one application/cloudevents+json document)")
    boolean structured;

    @Option(names = "--project", paramLabel = "PATH", description = "The project's serverless.yml or folder (default: the"
            + " nearest serverless.yml here or above), whose running `up` (.devserver/up.json) is called")
    Path project;

    @Option(names = "--port", description = "Router port of the running `devserver up` (default: the one recorded in .devserver/up.json)")
    Integer port;

    @Option(names = "--timeout", defaultValue = "600s", converter = DurationConverter.class,
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}; long, for paused breakpoints)")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InvokeRequest request = request();
        int routerPort = port != null ? port : runningUp().port();
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(3_000));
            String host = functionHost(client, routerPort);
            long started = System.nanoTime();
            Answer answer = await(send(client, routerPort, host, request), routerPort);
            print(answer, (System.nanoTime() - started) / 1e6);
            return answer.status() < 400 ? 0 : DevserverException.FAILURE;
        } finally {
            vertx.close();
        }
    }

    record InvokeRequest(HttpMethod method, Map<String, String> headers, byte[] body) {
    }

    private record Answer(int status, String reason, Map<String, List<String>> headers, byte[] body) {
    }

    private InvokeRequest request() {
        if (data != null && file != null) {
            throw new DevserverException("Give the body once: --data D or --file F, not both.");
        }
        if (!cloudEvent && (type != null || source != null || id != null || structured)) {
            throw new DevserverException("--type, --source, --id and --structured describe a CloudEvent: add --cloudevent.");
        }
        byte[] body = file != null ? read(file) : data != null ? data.getBytes(StandardCharsets.UTF_8) : null;
        Map<String, String> given = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new DevserverException("Header \"" + header + "\" has no name before a colon: write -H 'Name: value'.");
            }
            given.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        if (!path.startsWith("/")) {
            throw new DevserverException("--path " + path + " must start with /, e.g. --path /orders?id=1.");
        }
        HttpMethod m = method != null ? HttpMethod.valueOf(method.toUpperCase(Locale.ROOT))
                : body != null || cloudEvent ? HttpMethod.POST : HttpMethod.GET;
        if (!cloudEvent) {
            return new InvokeRequest(m, given, body);
        }
        String contentType = given.keySet().stream().filter(h -> h.equalsIgnoreCase("content-type")).findFirst()
                .map(given::remove).orElse(null);
        CloudEvent.HttpForm form;
        try {
            CloudEvent event = new CloudEvent(id, source, type, contentType);
            byte[] eventData = body == null ? new byte[0] : body;
            form = structured ? event.structured(eventData) : event.binary(eventData);
        } catch (IllegalArgumentException e) {
            throw new DevserverException("Cannot send the CloudEvent: " + e.getMessage()
                    + " (give --type T --source S, and data matching its Content-Type).");
        }
        given.putAll(form.headers());
        return new InvokeRequest(m, given, form.body());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DevserverException("Cannot read " + file.toAbsolutePath() + ": no such file. Check the path given to --file.");
        } catch (IOException e) {
            throw new DevserverException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private RunningUp runningUp() {
        Path target = project != null ? project.toAbsolutePath() : ProjectDiscovery.find(Paths.get(""));
        Path dir = (Files.isDirectory(target) ? target : target.getParent()).toAbsolutePath().normalize();
        return RunningUp.find(dir, spec.commandLine().getErr()::println).orElseThrow(() -> new DevserverException(
                "No `devserver up` is running for " + dir + " (no live record in .devserver/up.json): start it with"
                        + " `devserver up` in that folder, or give the router port of a running one with --port."));
    }

    /** The function's Knative host, from the running up's own list (its namespace and domain, not ours to guess). */
    private String functionHost(HttpClient client, int routerPort) {
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(routerPort)
                .setURI("/devserver/v1/functions").putHeader("Host", "localhost:" + routerPort).setTimeout(10_000);
        Answer answer = await(client.request(options).compose(r -> r.send()).compose(InvokeCommand::collect), routerPort);
        JsonNode list;
        try {
            list = JSON.readTree(answer.body()).path("functions");
        } catch (IOException e) {
            list = null;
        }
        if (answer.status() != 200 || list == null || !list.isArray()) {
            throw new DevserverException("Something answers on port " + routerPort + " (HTTP " + answer.status()
                    + "), but not as devserver: give the port `devserver up` printed with --port.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode f : list) {
            if (f.path("name").asText().equals(function) || f.path("knativeService").asText().equals(function)) {
                return URI.create(f.path("url").asText()).getRawAuthority();
            }
            names.add(f.path("name").asText());
        }
        throw new DevserverException("The running `devserver up` on port " + routerPort + " has no function \"" + function
                + "\"" + (names.isEmpty() ? "." : ": its functions are " + String.join(", ", names) + "."));
    }

    private Future<Answer> send(HttpClient client, int routerPort, String host, InvokeRequest request) {
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(routerPort).setMethod(request.method())
                .setURI(path).setTimeout(timeout.toMillis()).putHeader("Host", host)
                .putHeader("User-Agent", "devserver-invoke");
        request.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(r -> request.body() == null ? r.send() : r.send(Buffer.buffer(request.body())))
                .compose(InvokeCommand::collect);
    }

    private static Future<Answer> collect(HttpClientResponse response) {
        return response.body().map(body -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().names().forEach(n -> headers.put(n, response.headers().getAll(n)));
            return new Answer(response.statusCode(), response.statusMessage(), headers, body.getBytes());
        });
    }

    private Answer await(Future<Answer> future, int routerPort) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException) {
                throw new DevserverException("Nothing answers on port " + routerPort + ": start `devserver up`, or give"
                        + " the port it printed with --port.");
            }
            throw new DevserverException("The request through the router on port " + routerPort + " failed: "
                    + cause.getMessage() + (cause instanceof TimeoutException
                    || String.valueOf(cause.getMessage()).contains("timeout") ? " (a longer --timeout?)" : ""));
        } catch (TimeoutException e) {
            throw new DevserverException("No answer within " + timeout.toSeconds() + " s: give a longer --timeout.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevserverException("Interrupted.");
        }
    }

    private void print(Answer answer, double millis) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("HTTP %d %s · %.1f ms%n", answer.status(), answer.reason(), millis);
        if (include) {
            answer.headers().forEach((name, values) -> values.forEach(v -> err.println(name + ": " + v)));
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.print(new String(answer.body(), StandardCharsets.UTF_8));
        out.flush();
    }
}
