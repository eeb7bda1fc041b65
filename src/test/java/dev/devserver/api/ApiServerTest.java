package dev.devserver.api;

import dev.devserver.JsonTexts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.Iterator;

/** API shapes, access rules and headers, against the handler on a real HTTP server. */
class ApiServerTest {
    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    static final TestApi api = new TestApi();

    static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> response = send("GET", path, path.startsWith("/api") ? Map.of("Authorization", "Bearer "
                + TestApi.token()) : Map.of(), null);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> invoke(String origin, String body) throws Exception {
        Map<String, String> headers = origin == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Origin", origin);
        return send("POST", "/devserver/v1/functions/echo/invoke", headers, body);
    }

    @Test
    void activityHasOneTimeAxisForRequestsPodsAndColdStarts() throws Exception {
        JsonNode activity = getJson("/devserver/v1/functions/echo/activity", 200);
        assertEquals("15m", activity.get("window").asText(), "no request in the last 8 hours: the shortest window");
        assertTrue(activity.get("auto").asBoolean());
        for (String column : List.of("time", "invocations", "errors", "errorRate", "p50Ms", "p95Ms", "pods")) {
            assertEquals(30, activity.get(column).size(), column);
        }
        assertEquals(30, activity.get("bucketSeconds").asInt());
        assertTrue(activity.get("coldStarts").isArray());
        assertEquals(0, activity.get("totals").get("invocations").asInt(), "the fake's request is from 2024");
        JsonNode hour = getJson("/devserver/v1/functions/functions-echo/activity?window=1h", 200);
        assertEquals(60, hour.get("invocations").size());
        assertFalse(hour.get("auto").asBoolean());
        assertTrue(getJson("/devserver/v1/functions/echo/activity?window=2d", 400).get("error").asText().contains("15m, 1h, 8h"));
        getJson("/devserver/v1/functions/nosuch/activity", 404);
    }

    @Test
    void logSummaryCountsLinesPerBucketAndTopFieldValues() throws Exception {
        JsonNode summary = getJson("/devserver/v1/logs/summary?query=httpRequest.status:200&to=" + TestApi.CREATED.plusSeconds(30)
                + "&from=" + TestApi.CREATED.minusSeconds(30), 200);
        assertEquals(1, summary.get("bucketSeconds").asInt());
        assertEquals(summary.get("time").size(), summary.get("counts").size());
        assertEquals(1, summary.get("total").asInt(), "the line without a timestamp is outside every range");
        assertEquals("200", summary.get("fields").get("httpRequest.status").get(0).get("value").asText());
        assertEquals(1, summary.get("fields").get("httpRequest.status").get(0).get("count").asInt());
        assertEquals(List.of("httpRequest.status", "function", "httpRequest.requestMethod", "revision"),
                iterate(summary.get("fields").fieldNames()));
        assertTrue(getJson("/devserver/v1/logs/summary?to=soon", 400).get("error").asText().startsWith("to:"));
        assertTrue(getJson("/devserver/v1/logs/summary?query=(a", 400).get("error").asText().contains("parenthesis"));
    }

    @Test
    void theLogsPageGetsItsLinesAndTheirSummaryInOneAnswer() throws Exception {
        String range = "&to=" + TestApi.CREATED.plusSeconds(30) + "&from=" + TestApi.CREATED.minusSeconds(30);
        JsonNode page = getJson("/devserver/v1/logs?summary=1&limit=1&query=httpRequest.status:200" + range, 200);
        assertEquals(getJson("/devserver/v1/logs/summary?query=httpRequest.status:200" + range, 200), page.get("summary"));
        assertEquals(1, page.get("lines").size(), "the newest one (a line without a timestamp counts as the oldest)");
        assertEquals("POST", page.get("lines").get(0).get("httpRequest").get("requestMethod").asText());
        assertTrue(getJson("/devserver/v1/logs?summary=1&query=(a", 400).get("error").asText().contains("parenthesis"));
        assertEquals(null, getJson("/devserver/v1/logs?limit=1", 200).get("summary"), "only when asked");
    }

    @Test
    void eventStreamSendsTheFunctionListFirst() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + "/devserver/v1/events"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            while (line != null && !line.startsWith("event:")) {
                line = reader.readLine();
            }
            assertEquals("event: functions", line);
            JsonNode data = JSON.readTree(reader.readLine().substring("data: ".length()));
            assertEquals("echo", data.get("functions").get(0).get("name").asText());
        }
    }

    private static List<String> iterate(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void functionsListHasGitLabRowFields() throws Exception {
        JsonNode functions = getJson("/devserver/v1/functions", 200).get("functions");
        assertEquals(2, functions.size());
        JsonNode echo = functions.get(0);
        for (String field : List.of("name", "knativeService", "namespace", "url", "description", "runtime", "revision",
                "ready", "reason", "containers", "created")) {
            assertTrue(echo.has(field), field + " in " + echo);
        }
        assertEquals("echo", echo.get("name").asText());
        assertEquals("functions-echo", echo.get("knativeService").asText());
        assertEquals("http://functions-echo.ns.localhost:" + api.port, echo.get("url").asText());
        assertEquals("echoes its input", echo.get("description").asText(), "the function's own description");
        assertEquals("gitlab/runtimes/nodejs", echo.get("runtime").asText());
        assertEquals("functions-echo-00001", echo.get("revision").asText());
        assertTrue(echo.get("ready").asBoolean());
        assertEquals(1, echo.get("containers").asInt());
        assertEquals("2024-05-01T10:00:00.123456Z", echo.get("created").asText());
        JsonNode broken = functions.get(1);
        assertFalse(broken.get("ready").asBoolean());
        assertEquals("Dockerfile", broken.get("runtime").asText());
        assertTrue(broken.get("reason").asText().startsWith("build failed"));
    }

    @Test
    void functionDetailsAddRevisionsRecentRequestsAndEnvNamesOnly() throws Exception {
        HttpResponse<String> response = send("GET", "/devserver/v1/functions/echo", Map.of(), null);
        assertFalse(response.body().contains(TestApi.SECRET_VALUE), "env values never leave the server");
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("functions-echo-00001", echo.at("/revisions/0/name").asText());
        assertTrue(echo.at("/revisions/0/active").asBoolean());
        assertEquals(200, echo.at("/recentRequests/0/httpRequest/status").asInt());
        assertTrue(api.searches.contains("echo|service:functions-echo|20"), api.searches.toString());
        assertEquals(List.of("FOO", "TOKEN"), List.of(echo.at("/envs/0").asText(), echo.at("/envs/1").asText()));
        assertEquals("my-secrets", echo.at("/secrets/0").asText());
        assertEquals("GitLab functions", echo.get("serviceDescription").asText());
        assertEquals("functions-echo", getJson("/devserver/v1/functions/functions-echo", 200).get("knativeService").asText(),
                "the Knative service name finds the function too");
    }

    @Test
    void unknownThingsAre404Json() throws Exception {
        assertTrue(getJson("/devserver/v1/functions/nope", 404).get("error").asText().contains("nope"));
        assertTrue(getJson("/devserver/v1/nothing", 404).has("error"));
        assertEquals("NotFound", getJson("/apis/serving.knative.dev/v1/namespaces/ns/services/nope", 404).get("reason").asText());
    }

    @Test
    void knativeServiceListIsShapedLikeKubernetes() throws Exception {
        JsonNode list = getJson("/apis/serving.knative.dev/v1/namespaces/ns/services", 200);
        assertEquals("serving.knative.dev/v1", list.get("apiVersion").asText());
        assertEquals("ServiceList", list.get("kind").asText());
        JsonNode echo = list.at("/items/0");
        assertEquals("Service", echo.get("kind").asText());
        assertEquals("functions-echo", echo.at("/metadata/name").asText());
        assertEquals("ns", echo.at("/metadata/namespace").asText());
        assertEquals("functions", echo.at("/metadata/labels/service").asText());
        assertEquals("2024-05-01T10:00:00Z", echo.at("/metadata/creationTimestamp").asText(), "second precision");
        assertEquals("GitLab functions\nechoes its input", echo.at("/spec/template/metadata/annotations/Description").asText());
        assertEquals("http://functions-echo.ns.localhost:" + api.port, echo.at("/status/url").asText());
        assertEquals("functions-echo-00001", echo.at("/status/latestCreatedRevisionName").asText());
        assertEquals("functions-echo-00001", echo.at("/status/latestReadyRevisionName").asText());
        assertEquals("Ready", echo.at("/status/conditions/1/type").asText());
        assertEquals("True", echo.at("/status/conditions/1/status").asText());
        JsonNode broken = list.at("/items/1/status/conditions/1");
        assertEquals("False", broken.get("status").asText());
        assertEquals("BuildFailed", broken.get("reason").asText());
        assertTrue(broken.get("message").asText().contains("Step 2/3"));
        assertEquals("functions-echo", getJson("/apis/serving.knative.dev/v1/namespaces/ns/services/functions-echo", 200)
                .at("/metadata/name").asText());
        assertTrue(getJson("/apis/serving.knative.dev/v1/namespaces/other/services", 404).get("message").asText()
                .contains("devserver serves only the project's namespace \"ns\""));
        assertEquals(2, getJson("/apis/serving.knative.dev/v1/services", 200).get("items").size(), "all namespaces");
    }

    @Test
    void knativeRevisionListCarriesKnativeLabels() throws Exception {
        JsonNode list = getJson("/apis/serving.knative.dev/v1/namespaces/ns/revisions", 200);
        assertEquals("RevisionList", list.get("kind").asText());
        assertEquals(1, list.get("items").size());
        JsonNode revision = list.at("/items/0");
        assertEquals("Revision", revision.get("kind").asText());
        assertEquals("functions-echo-00001", revision.at("/metadata/name").asText());
        JsonTexts.assertTexts(Map.of("serving.knative.dev/service", "functions-echo",
                "serving.knative.dev/configuration", "functions-echo",
                "serving.knative.dev/configurationGeneration", "1"), revision.at("/metadata/labels"));
        assertEquals("functions-echo:abc", revision.at("/spec/containers/0/image").asText());
        assertEquals("Ready", revision.at("/status/conditions/1/type").asText());
        assertEquals("True", revision.at("/status/conditions/1/status").asText());
    }

    @Test
    void metricsSeriesAndPrometheusText() throws Exception {
        JsonNode series = getJson("/devserver/v1/functions/echo/metrics?minutes=480", 200);
        assertEquals(480, series.get("minutes").asInt());
        assertTrue(series.get("available").asBoolean());
        assertEquals("2024-05-01T10:01:00Z", series.at("/points/1/minute").asText());
        assertEquals(5, series.at("/points/1/invocations").asInt());
        assertEquals(400, send("GET", "/devserver/v1/functions/echo/metrics?minutes=abc", Map.of(), null).statusCode());
        HttpResponse<String> scrape = send("GET", "/metrics", Map.of(), null);
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(scrape.body().contains("revision_request_count"));
    }

    @Test
    void logSearchPassesTheQueryAndReportsParserErrorsAs400() throws Exception {
        JsonNode lines = getJson("/devserver/v1/logs?query=httpRequest.status:200&function=echo&limit=5", 200).get("lines");
        assertEquals(2, lines.size());
        assertTrue(api.searches.contains("echo|httpRequest.status:200|5"), api.searches.toString());
        JsonNode bad = getJson("/devserver/v1/logs?query=(status:500", 400);
        assertEquals("unbalanced parenthesis at column 1 of the query", bad.get("error").asText());
        assertTrue(getJson("/devserver/v1/logs?since=yesterday", 400).get("error").asText().contains("10m"));
        assertTrue(getJson("/devserver/v1/logs?limit=0", 400).get("error").asText().contains("limit"));
    }

    @Test
    void logStreamSendsOneDataLinePerLogLine() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + "/devserver/v1/logs/stream?query=x")).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals(": following", reader.readLine());
            assertNotNull(api.follower, "the stream follows the log search");
            api.follower.accept(JsonNodeFactory.instance.objectNode().put("message", "line one\n<b>two</b>"));
            String line = reader.readLine();
            while (line.isEmpty()) {
                line = reader.readLine();
            }
            assertTrue(line.startsWith("data: {"), line);
            assertEquals("line one\n<b>two</b>", JSON.readTree(line.substring("data: ".length())).get("message").asText());
        }
    }

    @Test
    void invokeSendsACloudEventInEitherMode() throws Exception {
        JsonNode binary = JSON.readTree(invoke(null, "{\"method\":\"POST\",\"body\":\"{\\\"a\\\":1}\","
                + "\"cloudEvent\":{\"type\":\"t.x\",\"source\":\"/ui\"}}").body());
        assertEquals("{\"a\":1}", binary.get("body").asText(), "binary mode: the data is the body");
        JsonNode structured = JSON.readTree(invoke(null, "{\"method\":\"POST\",\"body\":\"{\\\"a\\\":1}\","
                + "\"cloudEvent\":{\"type\":\"t.x\",\"source\":\"/ui\",\"id\":\"7\",\"structured\":true}}").body());
        assertEquals("{\"specversion\":\"1.0\",\"id\":\"7\",\"source\":\"/ui\",\"type\":\"t.x\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"a\":1}}", structured.get("body").asText());
        HttpResponse<String> noType = invoke(null, "{\"method\":\"POST\",\"cloudEvent\":{\"source\":\"/ui\"}}");
        assertEquals(400, noType.statusCode());
        assertTrue(noType.body().contains("a CloudEvent needs a type"), noType.body());
    }

    @Test
    void invokeGoesThroughTheRouterWithTheFunctionsHost() throws Exception {
        HttpResponse<String> response = invoke(null,
                "{\"method\":\"POST\",\"path\":\"/hi?x=1\",\"headers\":{\"X-Test\":\"1\",\"Host\":\"evil\"},\"body\":\"{\\\"a\\\":1}\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertEquals(200, result.get("status").asInt());
        assertEquals("{\"a\":1}", result.get("body").asText());
        assertEquals("POST", result.at("/headers/X-Echo-Method").asText());
        assertTrue(result.get("durationMs").asDouble() >= 0);
        assertEquals("functions-echo.ns.localhost:" + api.port, api.functionHosts.get(api.functionHosts.size() - 1),
                "the caller cannot choose the Host");
        assertEquals(400, invoke(null, "{\"path\":\"no-slash\"}").statusCode());
        assertEquals(400, invoke(null, "{\"method\":\"BREW\"}").statusCode());
        assertEquals(400, invoke(null, "not json").statusCode());
        assertEquals(415, send("POST", "/devserver/v1/functions/echo/invoke", Map.of("Content-Type", "text/plain"), "{}").statusCode());
    }

    @Test
    void stateChangingCallsFromForeignOriginsAre403() throws Exception {
        String call = "{\"method\":\"GET\",\"path\":\"/\"}";
        assertEquals(403, invoke("http://evil.example", call).statusCode());
        assertEquals(403, invoke("null", call).statusCode());
        assertEquals(403, invoke("http://localhost:1", call).statusCode(), "another port is another origin");
        assertEquals(403, invoke("https://localhost:" + api.port, call).statusCode());
        for (String own : List.of("http://localhost:", "http://127.0.0.1:", "http://[::1]:")) {
            assertEquals(200, invoke(own + api.port, call).statusCode(), own);
        }
        assertEquals(403, send("POST", "/devserver/v1/functions/echo/invoke", Map.of("Content-Type", "application/json",
                "Sec-Fetch-Site", "cross-site"), call).statusCode());
        assertEquals(200, send("GET", "/devserver/v1/functions", Map.of("Origin", "http://evil.example"), null).statusCode(),
                "reads carry no CORS headers, so a foreign page cannot read them anyway");
    }

    @Test
    void theHttpsPortsOriginsAreOwnOnceHttpsIsOn() throws Exception {
        String call = "{\"method\":\"GET\",\"path\":\"/\"}";
        int https = api.port + 1; // only compared, never dialled
        assertEquals(403, invoke("https://localhost:" + https, call).statusCode(), "HTTPS off: not an own origin");
        api.httpsPort = https;
        try {
            for (String own : List.of("https://localhost:", "https://127.0.0.1:", "https://[::1]:")) {
                assertEquals(200, invoke(own + https, call).statusCode(), own);
            }
            assertEquals(403, invoke("https://localhost:" + api.port, call).statusCode(), "https on the HTTP port");
            assertEquals(200, invoke("http://localhost:" + api.port, call).statusCode());
        } finally {
            api.httpsPort = -1;
        }
    }

    @Test
    void foreignHostIsRefusedEvenIfRoutedHere() throws Exception {
        HttpResponse<String> response = send("GET", "/devserver/v1/functions", Map.of("Host", "evil.example"), null);
        assertEquals(403, response.statusCode());
    }

    @Test
    void everyResponseIsNosniffAndTheUiHasAStrictCsp() throws Exception {
        for (String path : List.of("/", "/devserver/v1/functions", "/nope", "/ui/app.js")) {
            HttpResponse<String> response = send("GET", path, Map.of(), null);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        }
        HttpResponse<String> index = send("GET", "/", Map.of(), null);
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(Access.CSP, index.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertTrue(Access.CSP.contains("script-src 'self';") && Access.CSP.contains("frame-ancestors 'none'"));
        assertFalse(index.body().contains("<script>"), "no inline scripts");
        assertFalse(index.body().contains("style="), "no inline styles");
        HttpResponse<String> uplot = send("GET", "/ui/vendor/uplot/uPlot.iife.min.js", Map.of(), null);
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertEquals(404, send("GET", "/ui/../pom.xml", Map.of(), null).statusCode());
        assertEquals(404, send("GET", "/ui/missing.js", Map.of(), null).statusCode());
    }
}
