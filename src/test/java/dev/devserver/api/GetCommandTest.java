package dev.devserver.api;

import dev.devserver.cli.CommandLineSetup;
import dev.devserver.cli.DevserverCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;

/** `devserver get` as a client of the API (here the API on a test server; GetCommandIT uses a real `up`). */
class GetCommandTest {
    @RegisterExtension
    static final TestApi api = new TestApi();

    /** @return exit code, standard output, standard error */
    static List<Object> run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLineSetup.configure(new CommandLine(new DevserverCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "-f"; // the project's folder: where its API token is
        all[args.length + 1] = TestApi.DIR.toString();
        TestApi.token();
        int code = cl.execute(all);
        return List.of(code, out.toString(), err.toString());
    }

    @Test
    void ksvcTableIsAlignedLikeKubectl() {
        List<Object> r = run("get", "ksvc", "--port", String.valueOf(api.port), "--namespace", "ns");
        assertEquals(0, r.get(0), r.toString());
        String url = "http://functions-echo.ns.localhost:" + api.port;
        String[] lines = ((String) r.get(1)).split("\n");
        assertEquals(3, lines.length, r.toString());
        assertTrue(lines[0].matches("NAME +URL +LATESTCREATED +LATESTREADY +READY +REASON"), lines[0]);
        assertTrue(lines[1].matches("functions-echo +" + url.replace(".", "\\.") + " +functions-echo-00001 +functions-echo-00001 +True"), lines[1]);
        assertTrue(lines[2].matches("functions-broken +http\\S+ +False +BuildFailed"), lines[2]);
        assertEquals(lines[0].indexOf("URL"), lines[1].indexOf("http"), "columns line up");
        assertEquals(lines[0].lastIndexOf("READY"), lines[1].indexOf("True"));
    }

    @Test
    void aliasesAndRevisions() {
        for (String alias : List.of("services", "service", "kservice")) {
            assertEquals(0, run("get", alias, "--port", String.valueOf(api.port), "--namespace", "ns").get(0), alias);
        }
        List<Object> r = run("get", "revisions", "--port", String.valueOf(api.port), "--namespace", "ns");
        String[] lines = ((String) r.get(1)).split("\n");
        assertTrue(lines[0].matches("NAME +CONFIG NAME +GENERATION +READY +REASON +ACTUAL REPLICAS"), lines[0]);
        assertTrue(lines[1].matches("functions-echo-00001 +functions-echo +1 +True +1"), lines[1]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlAndJsonPrintTheKnativeObjects() {
        List<Object> yaml = run("get", "ksvc", "functions-echo", "-o", "yaml", "--port", String.valueOf(api.port), "--namespace", "ns");
        assertEquals(0, yaml.get(0), yaml.toString());
        Map<String, Object> service = new Yaml().load((String) yaml.get(1));
        assertEquals("Service", service.get("kind"));
        assertEquals("serving.knative.dev/v1", service.get("apiVersion"));
        assertEquals("http://functions-echo.ns.localhost:" + api.port, ((Map<String, Object>) service.get("status")).get("url"));
        List<Object> json = run("get", "revisions", "-o", "json", "--port", String.valueOf(api.port), "-A");
        assertTrue(((String) json.get(1)).contains("\"kind\" : \"RevisionList\""), json.toString());
    }

    @Test
    void emptyNamespaceAndMissingNameAreSaidLikeKubectl() {
        List<Object> other = run("get", "ksvc", "--port", String.valueOf(api.port), "--namespace", "other");
        assertEquals(1, other.get(0));
        assertTrue(((String) other.get(2)).startsWith("Error from server (NotFound): namespaces \"other\" not found"), other.toString());
        List<Object> missing = run("get", "ksvc", "nope", "--port", String.valueOf(api.port), "--namespace", "ns");
        assertEquals(1, missing.get(0));
        assertEquals("Error from server (NotFound): services.serving.knative.dev \"nope\" not found\n", missing.get(2));
        assertEquals(1, run("get", "pods", "--port", String.valueOf(api.port)).get(0));
    }

    @Test
    void saysClearlyWhenNoDevserverRuns() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        List<Object> r = run("get", "ksvc", "--port", String.valueOf(free), "-A");
        assertEquals(1, r.get(0));
        assertEquals("No devserver is running on port " + free + ": start one with `devserver up --port " + free
                + "` (or give the port it runs on with --port).\n", r.get(2));
    }
}
