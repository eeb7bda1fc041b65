package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.serving.ServingOptions;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `up --debug`: a real debugger client attaches to the printed loopback port, sets a breakpoint in the handler, a
 * request stops there, and completes after resuming — past the revision timeout (2 s here), which a debugged
 * function does not have. Node's inspector (Chrome DevTools protocol over WebSocket) for gitlab/runtimes/nodejs;
 * debugpy (DAP) for openfaas/classic/python3 and the inspector for openfaas/classic/node, where each request's
 * process waits for the debugger; Ruby's debug gem (DAP, what VS Code's rdbg extension speaks) for gitlab/runtimes/ruby
 * and, per request, openfaas/classic/ruby;
 * Delve (DAP remote attach, as VS Code's Go extension does) for the debug builds of gitlab/runtimes/go and, per request,
 * openfaas/classic/go.
 */
class DebugIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REVISION_TIMEOUT = Duration.ofSeconds(2);
    @RegisterExtension
    static final RunningUp UP = new RunningUp("debug-invoke", project -> { }, SessionOptions.defaults().withPort(0)
            .withOfflineBases(true).withTimeouts(Duration.ofSeconds(60), REVISION_TIMEOUT)
            .withServing(ServingOptions.defaults().withDebugged(Set.of("echo-js", "headers-py", "greet-rb", "greet-go",
                    "hello-node", "hello-go", "hello-rb"))));

    private static CompletableFuture<HttpResponse<String>> post(String function, String body) {
        return CompletableFuture.supplyAsync(() -> Sessions.post(UP.session(), function, "application/json", body));
    }

    @Test
    void nodeInspectorStopsAtABreakpointAndTheRequestCompletesAfterResume() throws Exception {
        int port = UP.session().debugPorts().get("echo-js");
        InspectorClient inspector = InspectorClient.attach(port);
        inspector.call("Debugger.enable", "{}");
        JsonNode breakpoint = inspector.call("Debugger.setBreakpointByUrl", "{\"lineNumber\":3,\"urlRegex\":\"echo\\\\.js$\"}");
        assertFalse(breakpoint.path("result").path("locations").isEmpty(), "the handler is loaded: " + breakpoint);

        CompletableFuture<HttpResponse<String>> response = post("echo-js", "{\"name\":\"debugger\"}");
        holdAtBreakpointThenResume(inspector, 3, response);
        HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("hello debugger", JSON.readTree(answer.body()).path("greeting").asText());
        inspector.close();
        assertEquals(1, containers("echo-js"), "one container while debugging");
    }

    @Test
    void classicNodeWaitsForTheInspectorInEachRequestsProcess() throws Exception {
        CompletableFuture<HttpResponse<String>> response = post("hello-node", "{\"n\":2}");
        InspectorClient inspector = InspectorClient.attach(UP.session().debugPorts().get("hello-node"));
        inspector.call("Debugger.enable", "{}");
        inspector.call("Debugger.setBreakpointByUrl", "{\"lineNumber\":2,\"urlRegex\":\"handler\\\\.js$\"}");
        inspector.call("Runtime.runIfWaitingForDebugger", "{}");
        inspector.event("Debugger.paused"); // --inspect-brk: before index.js's first line
        inspector.call("Debugger.resume", "{}");
        holdAtBreakpointThenResume(inspector, 2, response);
        inspector.close(); // the process ends once its debugger leaves, as when VS Code detaches
        HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("{\"n\":2}", JSON.readTree(answer.body()).path("hello").asText());
    }

    /** The inspector reports the pause at {@code line} (0-based), the request stays held past the revision timeout. */
    private static void holdAtBreakpointThenResume(InspectorClient inspector, int line,
                                                   CompletableFuture<HttpResponse<String>> response) throws Exception {
        JsonNode paused = inspector.event("Debugger.paused");
        assertEquals(line, paused.at("/params/callFrames/0/location/lineNumber").asInt(), paused.toString());
        assertFalse(paused.at("/params/hitBreakpoints").isEmpty(), paused.toString());
        Thread.sleep(REVISION_TIMEOUT.toMillis() * 2);
        assertFalse(response.isDone(), "held at the breakpoint, not answered with a 504");
        inspector.call("Debugger.resume", "{}");
    }

    @Test
    void debugpyStopsEachRequestsProcessAtABreakpoint() throws Exception {
        int port = UP.session().debugPorts().get("headers-py");
        CompletableFuture<HttpResponse<String>> response = post("headers-py", "{\"n\":1}");
        try (DapClient dap = attach(port, "debugpy")) {
            dap.send("attach", DapClient.args().put("justMyCode", true));
            dap.await(DapClient.event("initialized"), Duration.ofSeconds(30));
            setBreakpoint(dap, "/home/app/function/handler.py", 7);
            dap.send("configurationDone", null);
            holdThenContinue(dap, dap.await(DapClient.event("stopped"), Duration.ofSeconds(30)), 7, response);
            // The process ends once the handler returned; debugpy says so and waits for the editor to leave, as
            // VS Code does at once.
            dap.await(DapClient.event("terminated"), Duration.ofSeconds(30));
        }
        HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("{\"n\":1}", JSON.readTree(answer.body()).path("body").asText().strip());
        assertEquals(1, containers("headers-py"), "one container while debugging");
    }

    private static void setBreakpoint(DapClient dap, String path, int line) throws Exception {
        var breakpoints = DapClient.args();
        breakpoints.putObject("source").put("path", path);
        breakpoints.putArray("breakpoints").addObject().put("line", line);
        JsonNode set = dap.await(DapClient.response(dap.send("setBreakpoints", breakpoints)), Duration.ofSeconds(30));
        assertTrue(set.at("/body/breakpoints/0/verified").asBoolean(), set.toString());
    }

    @Test
    void rubyDebugGemStopsAtABreakpointOverDap() throws Exception {
        try (DapClient dap = attach(UP.session().debugPorts().get("greet-rb"), "rdbg")) {
            dap.send("attach", DapClient.args());
            setBreakpoint(dap, "/app/function/greeter.rb", 4);
            dap.await(DapClient.response(dap.send("configurationDone", null)), Duration.ofSeconds(30));
            CompletableFuture<HttpResponse<String>> response = post("greet-rb", "{\"name\":\"rdbg\"}");
            holdThenContinue(dap, continueUntilBreakpoint(dap, 4), 4, response);
            HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("hello rdbg", JSON.readTree(answer.body()).path("greeting").asText());
        }
        assertEquals(1, containers("greet-rb"), "one container while debugging");
    }

    @Test
    void delveStopsTheDebugBuildAtABreakpointOverDap() throws Exception {
        try (DapClient dap = attach(UP.session().debugPorts().get("greet-go"), "go")) {
            dap.await(DapClient.response(dap.send("attach", DapClient.args().put("mode", "remote"))), Duration.ofSeconds(30));
            setBreakpoint(dap, "/src/function/greet.go", 12);
            dap.await(DapClient.response(dap.send("configurationDone", null)), Duration.ofSeconds(30));
            CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> Http.send(UP.session().port(),
                    UP.session().project().function("greet-go").orElseThrow().host(UP.session().project()), "GET", "/?name=delve", null, null));
            holdThenContinue(dap, dap.await(DapClient.stopped("breakpoint"), Duration.ofSeconds(30)), 12, response);
            HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("hello delve", answer.body());
        }
        assertEquals(1, containers("greet-go"), "one container while debugging");
    }

    @Test
    void delveRunsEachRequestsClassicGoProcess() throws Exception {
        CompletableFuture<HttpResponse<String>> response = post("hello-go", "delve");
        try (DapClient dap = attach(UP.session().debugPorts().get("hello-go"), "go")) {
            dap.await(DapClient.response(dap.send("attach", DapClient.args().put("mode", "remote"))), Duration.ofSeconds(30));
            setBreakpoint(dap, "/go/src/handler/function/handler.go", 8);
            dap.await(DapClient.response(dap.send("configurationDone", null)), Duration.ofSeconds(30)); // runs it
            holdThenContinue(dap, dap.await(DapClient.stopped("breakpoint"), Duration.ofSeconds(30)), 8, response);
            dap.await(DapClient.event("terminated"), Duration.ofSeconds(30)); // the handler returned and exited
        } // Delve leaves once its client does, and the watchdog answers
        HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("hello delve", answer.body().strip());
        assertEquals(1, containers("hello-go"), "one container while debugging");
    }

    /**
     * debug 1.4.0 pauses the program once or twice when a client attaches (signals it sends itself) and its "stopped"
     * events do not count them (one may stand for two pauses, one comes without a pause), so a `continue` sent on an
     * event may come too early and be spent on the wrong pause. The program itself is asked instead: it answers a
     * stackTrace only while paused. Each pause up to the breakpoint's (whose event precedes that answer) is continued.
     */
    private static JsonNode continueUntilBreakpoint(DapClient dap, int line) throws Exception {
        while (true) {
            dap.await(DapClient.response(dap.send("stackTrace", DapClient.args().put("threadId", 1))), Duration.ofSeconds(30));
            Optional<JsonNode> breakpoint = dap.received(DapClient.stopped("breakpoint"));
            if (breakpoint.isPresent() && topLine(dap, breakpoint.get()) == line) { // not the stop at a program's start
                return breakpoint.get();
            }
            dap.await(DapClient.response(dap.send("continue", DapClient.args().put("threadId", 1))), Duration.ofSeconds(30));
        }
    }

    private static int topLine(DapClient dap, JsonNode stopped) throws Exception {
        int thread = stopped.at("/body/threadId").asInt();
        return dap.await(DapClient.response(dap.send("stackTrace", DapClient.args().put("threadId", thread))),
                Duration.ofSeconds(30)).at("/body/stackFrames/0/line").asInt();
    }

    @Test
    void rubyDebugGemWaitsInEachClassicRubyProcess() throws Exception {
        CompletableFuture<HttpResponse<String>> response = post("hello-rb", "rdbg");
        try (DapClient dap = attach(UP.session().debugPorts().get("hello-rb"), "rdbg")) {
            dap.send("attach", DapClient.args());
            setBreakpoint(dap, "/home/app/function/handler.rb", 4);
            dap.await(DapClient.response(dap.send("configurationDone", null)), Duration.ofSeconds(30));
            holdThenContinue(dap, continueUntilBreakpoint(dap, 4), 4, response);
            HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("hello rdbg", answer.body().strip());
        }
        assertEquals(1, containers("hello-rb"), "one container while debugging");
    }

    /** The request stopped at {@code line} and stays held past the revision timeout; then `continue`. */
    private static void holdThenContinue(DapClient dap, JsonNode stopped, int line,
                                         CompletableFuture<HttpResponse<String>> response) throws Exception {
        assertEquals("breakpoint", stopped.at("/body/reason").asText(), stopped.toString());
        int thread = stopped.at("/body/threadId").asInt();
        JsonNode frames = dap.await(DapClient.response(dap.send("stackTrace", DapClient.args().put("threadId", thread))),
                Duration.ofSeconds(30));
        assertEquals(line, frames.at("/body/stackFrames/0/line").asInt(), frames.toString());
        Thread.sleep(REVISION_TIMEOUT.toMillis() * 2);
        assertFalse(response.isDone(), () -> "held at the breakpoint, not answered: " + response.join().statusCode()
                + " " + response.join().body());
        dap.send("continue", DapClient.args().put("threadId", thread));
    }

    /** Connects and initializes; per-request debuggers listen a moment after the request arrives: retry until one answers. */
    private static DapClient attach(int port, String adapter) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            DapClient dap = null;
            try {
                dap = new DapClient("127.0.0.1", port);
                dap.await(DapClient.response(dap.send("initialize", DapClient.args().put("adapterID", adapter)
                        .put("clientID", "devserver-test").put("linesStartAt1", true).put("columnsStartAt1", true)
                        .put("pathFormat", "path"))), Duration.ofSeconds(2));
                return dap;
            } catch (AssertionError | IOException notYet) { // no process listens yet: the forward closes at once
                last = new AssertionError(adapter + " did not answer on " + port, notYet);
                if (dap != null) {
                    dap.close();
                }
                Thread.sleep(300);
            }
        }
        throw last;
    }

    private static int containers(String function) {
        return UP.session().serving().views().stream().filter(s -> s.function().equals(function)).findFirst()
                .orElseThrow().containers();
    }
}
