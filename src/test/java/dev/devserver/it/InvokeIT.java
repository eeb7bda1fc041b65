package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.cli.CommandLineSetup;
import dev.devserver.cli.DevserverCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `devserver invoke` against a real running `up`: plain HTTP and both CloudEvent modes reach the function through the
 * router (a classic python3 function reports the headers and body the watchdog handed it), and land in the request log.
 */
class InvokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningUp UP = new RunningUp("debug-invoke");

    record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** Runs `devserver invoke` in-process; the project's up is found by --port unless {@code viaRecord}. */
    private static Result invoke(boolean viaRecord, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLineSetup.configure(new CommandLine(new DevserverCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("invoke"));
        all.addAll(List.of(args));
        all.addAll(viaRecord ? List.of("--project", UP.session().project().dir().toString())
                : List.of("--port", String.valueOf(UP.session().port())));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static Result invoke(String... args) {
        return invoke(false, args);
    }

    @Test
    void httpRequestWithMethodPathHeadersAndBody() throws Exception {
        Result r = invoke("headers-py", "-X", "PUT", "--path", "/orders/7?x=1", "-H", "X-Order: 7", "-d", "hello", "-i");
        assertEquals(0, r.exit(), r.err());
        JsonNode seen = r.json();
        assertEquals("PUT", seen.path("method").asText());
        assertEquals("/orders/7", seen.path("path").asText());
        assertEquals("7", seen.path("headers").path("x-order").asText(), r.out());
        assertEquals("devserver-invoke", seen.path("headers").path("user-agent").asText(), r.out());
        assertEquals("hello", seen.path("body").asText());
        assertTrue(r.err().matches("(?s)HTTP 200 OK · [0-9.]+ ms\n.*"), r.err());
        assertTrue(r.err().toLowerCase().contains("content-length: "), "-i prints the headers: " + r.err());
    }

    @Test
    void bodyFromAFileAndUpFoundThroughItsRecord() throws Exception {
        Path dir = UP.session().project().dir();
        // What UpCommand writes once it listens; this JVM's pid is alive, as the up's would be.
        new dev.devserver.RunningUp(ProcessHandle.current().pid(), "127.0.0.1", UP.session().port(), -1,
                UP.session().project().namespace(), 0, "").write(dir);
        Path file = Files.writeString(dir.resolve("order.json"), "{\"id\": 9}");
        Result r = invoke(true, "headers-py", "--file", file.toString(), "-H", "Content-Type: application/json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("POST", r.json().path("method").asText());
        assertEquals("{\"id\": 9}", r.json().path("body").asText());
        assertFalse(r.err().contains("content-length"), "no -i, no headers: " + r.err());
    }

    @Test
    void cloudEventInBinaryMode() throws Exception {
        Result r = invoke("headers-py", "--cloudevent", "--type", "com.example.order.created", "--source", "/shop",
                "--id", "order-42", "-d", "{\"order\":42}");
        assertEquals(0, r.exit(), r.err());
        JsonNode h = r.json().path("headers");
        assertEquals("1.0", h.path("ce-specversion").asText(), r.out());
        assertEquals("order-42", h.path("ce-id").asText());
        assertEquals("/shop", h.path("ce-source").asText());
        assertEquals("com.example.order.created", h.path("ce-type").asText());
        assertEquals("application/json", h.path("content-type").asText());
        assertEquals("POST", r.json().path("method").asText());
        assertEquals("{\"order\":42}", r.json().path("body").asText());
    }

    @Test
    void cloudEventInStructuredModeWithARandomId() throws Exception {
        Result r = invoke("headers-py", "--cloudevent", "--structured", "--type", "com.example.ping", "--source", "/cli",
                "-d", "{\"n\":1}");
        assertEquals(0, r.exit(), r.err());
        JsonNode h = r.json().path("headers");
        assertEquals("application/cloudevents+json; charset=utf-8", h.path("content-type").asText(), r.out());
        assertFalse(h.has("ce-id"), "structured mode puts no attribute in headers: " + h);
        JsonNode event = JSON.readTree(r.json().path("body").asText());
        assertEquals("1.0", event.path("specversion").asText(), event.toString());
        assertEquals("com.example.ping", event.path("type").asText());
        assertEquals("/cli", event.path("source").asText());
        assertTrue(event.path("id").asText().matches("[0-9a-f-]{36}"), event.toString());
        assertEquals("application/json", event.path("datacontenttype").asText());
        assertEquals(1, event.path("data").path("n").asInt(), "JSON data stays JSON: " + event);
    }

    @Test
    void invocationsAreLoggedLikeAnyRequest() throws Exception {
        Result r = invoke("echo-js", "--path", "/logged-by-invoke", "-d", "{\"name\":\"log\"}",
                "-H", "Content-Type: application/json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = RequestLogLines.settled(UP.session().requestLog());
        assertTrue(lines.stream().anyMatch(l -> l.contains("/logged-by-invoke") && l.contains("devserver-invoke")),
                String.join("\n", lines));
    }

    @Test
    void badInputsGetAClearMessage() {
        Result unknown = invoke("nope", "-d", "x");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("has no function \"nope\": its functions are echo-js, headers-py, greet-rb, greet-go, hello-node, hello-go, hello-rb"),
                unknown.err());
        Result both = invoke("echo-js", "-d", "x", "--file", "x.json");
        assertEquals("Give the body once: --data D or --file F, not both.", both.err().trim());
        Result noType = invoke("echo-js", "--cloudevent", "--source", "/s");
        assertTrue(noType.err().contains("a CloudEvent needs a type, e.g. com.example.order.created (give --type T --source S"), noType.err());
        Result notCe = invoke("echo-js", "--type", "t");
        assertTrue(notCe.err().contains("add --cloudevent"), notCe.err());
        for (Result r : List.of(unknown, both, noType, notCe)) {
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
    }
}
