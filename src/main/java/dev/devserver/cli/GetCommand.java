package dev.devserver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.devserver.DevserverException;
import dev.devserver.JsonTree;
import dev.devserver.RunningUp;
import dev.devserver.YamlWriter;
import dev.devserver.api.kube.ApiToken;
import org.yaml.snakeyaml.DumperOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code devserver get ksvc|revisions [NAME] [-o yaml|json]}: kubectl-style reading of the running {@code up},
 * through its API (the same Knative objects a cluster serves). Opens no port: it is only a client.
 */
@Command(name = "get", description = "Show the Knative services or revisions of the running `devserver up`, like kubectl get.")
public class GetCommand extends ProjectCommand {
    private static final List<String> SERVICES = List.of("ksvc", "kservice", "kservices", "service", "services");
    private static final List<String> REVISIONS = List.of("revision", "revisions", "rev", "revs");

    @Parameters(index = "0", paramLabel = "RESOURCE", description = "ksvc (or services, service, kservice) or revisions")
    String resource;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only this one")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json: the Knative objects in full")
    String output;

    @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace the running devserver serves")
    boolean allNamespaces;

    @Option(names = "--port", description = "Port of the running `devserver up` (default: the one this project's `up`"
            + " recorded in .devserver/up.json, else 8080)")
    Integer port;

    @Override
    public Integer call() {
        String plural = plural(resource);
        if (output != null && !List.of("yaml", "json").contains(output)) {
            throw new DevserverException("Unknown output format \"" + output + "\": use -o yaml or -o json.");
        }
        String namespace = namespace();
        if (name != null && namespace == null) {
            throw new DevserverException("Which namespace? Run this in the project's folder or give --namespace NS.");
        }
        String path = "/apis/serving.knative.dev/v1" + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural
                + (name == null ? "" : "/" + name);
        JsonNode body = fetch(path);
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            out.print(output.equals("json") ? pretty(body) + "\n" : yaml(body));
        } else if (body.has("items") && body.get("items").isEmpty()) {
            spec.commandLine().getErr().println("No resources found" + (namespace == null ? "." : " in " + namespace + " namespace."));
        } else {
            List<JsonNode> items = body.has("items") ? List.copyOf(toList(body.get("items"))) : List.of(body);
            out.print(plural.equals("services") ? KnativeTable.services(items, namespace == null)
                    : KnativeTable.revisions(items, namespace == null));
        }
        out.flush();
        return 0;
    }

    private static String plural(String resource) {
        String r = resource.toLowerCase(Locale.ROOT);
        if (SERVICES.contains(r) || r.equals("services.serving.knative.dev")) {
            return "services";
        }
        if (REVISIONS.contains(r) || r.equals("revisions.serving.knative.dev")) {
            return "revisions";
        }
        throw new DevserverException("Unknown resource \"" + resource + "\": use `devserver get ksvc` or `devserver get revisions`.");
    }

    /** --namespace, $KUBE_NAMESPACE, the project's here, or (outside a project, or -A) every namespace. */
    private String namespace() {
        if (allNamespaces) {
            return null;
        }
        String given = project.givenNamespace();
        if (given != null) {
            return given;
        }
        try {
            return project.load().namespace();
        } catch (DevserverException e) {
            return null; // not in a project folder: show what the running devserver serves
        }
    }

    /** The given port, else where this project's `up` serves, else 8080. */
    private int port() {
        if (port != null) {
            return port;
        }
        return RunningUp.find(project.projectDir(), spec.commandLine().getErr()::println).map(RunningUp::port).orElse(8080);
    }

    /** One GET on loopback ({@link LoopbackGet}: the JDK's clients cost this verb a quarter of its start-up). */
    private JsonNode fetch(String path) {
        int port = port();
        int status;
        byte[] answer;
        try {
            LoopbackGet.Answer got = LoopbackGet.get(port, path, Map.of("Accept", "application/json",
                    "Authorization", "Bearer " + ApiToken.read(project.projectDir()).orElse("none")), 3_000, 10_000);
            status = got.status();
            answer = got.body();
        } catch (ConnectException e) {
            throw new DevserverException("No devserver is running on port " + port + ": start one with `devserver up"
                    + (port == 8080 ? "" : " --port " + port) + "` (or give the port it runs on with --port).");
        } catch (SocketTimeoutException e) {
            throw new DevserverException("The program on port " + port + " did not answer in time; is it devserver?");
        } catch (IOException e) {
            throw new DevserverException("Cannot reach devserver on port " + port + ": " + e.getMessage());
        }
        JsonNode body;
        try {
            body = JsonTree.read(answer); // no ObjectMapper for the table, the usual answer
        } catch (IOException e) {
            body = null;
        }
        if (status == 401) {
            throw new DevserverException("devserver on port " + port + " wants its project's API token: run this in the"
                    + " project's folder (or give it with -f), where `up` keeps the token in .devserver/kube/token.");
        }
        if (status == 404 && body != null && "NotFound".equals(body.path("reason").asText())) {
            throw new DevserverException("Error from server (NotFound): " + body.path("message").asText());
        }
        if (status != 200 || body == null || !body.has("apiVersion")) {
            throw new DevserverException("Something answers on port " + port + " (HTTP " + status
                    + "), but not as devserver: is `devserver up` running on another port? Pass it with --port.");
        }
        return body;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String pretty(JsonNode body) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body);
        } catch (IOException e) {
            throw new DevserverException("Cannot print the answer as JSON: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static String yaml(JsonNode body) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        return YamlWriter.dump(new ObjectMapper().convertValue(body, Map.class), options);
    }
}
