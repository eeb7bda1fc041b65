package dev.devserver.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.metrics.MetricsView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known requests through a real `up`: Knative metrics in the Prometheus text and the lines in the log search. */
class ObserveIT {
    @RegisterExtension
    static final RunningUp UP = new RunningUp("gitlab-example");

    @Test
    void requestsShowInMetricsAndLogs() throws Exception {
        String host = UP.session().project().function("echo-js").orElseThrow().host(UP.session().project());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = Http.send(UP.session().port(), host, "POST", "/observe-" + i, "application/json",
                    "{\"n\":" + i + "}");
            assertEquals(200, r.statusCode(), r.body());
        }

        String labels = "configuration_name=\"functions-echo-js\",namespace_name=\"" + UP.session().project().namespace()
                + "\",response_code=\"200\",response_code_class=\"2xx\",revision_name=\"functions-echo-js-00001\","
                + "service_name=\"functions-echo-js\"";
        String count = "revision_request_count{" + labels + "} 3.0\n";
        String latencies = "revision_request_latencies_count{" + labels + "} 3\n";
        // a request is counted once its response ended, which the client may see first (as with queue-proxy)
        String text = UP.session().metrics().scrape();
        for (long deadline = System.currentTimeMillis() + 5_000; !(text.contains(count) && text.contains(latencies))
                && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(100);
            text = UP.session().metrics().scrape();
        }
        assertTrue(text.contains(count), text);
        assertTrue(text.contains(latencies), text);
        assertEquals(3, UP.session().metrics().invocationsPerMinute("echo-js", 2).stream()
                .mapToLong(MetricsView.Point::invocations).sum());

        List<ObjectNode> lines = List.of();
        for (long deadline = System.currentTimeMillis() + 5_000; lines.size() < 3 && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(100); // the request log is written by its own thread
            lines = UP.session().logSearch().search("echo-js", "httpRequest.requestUrl:\\/observe-* AND httpRequest.status:200",
                    null, 10);
        }
        assertEquals(List.of("/observe-0", "/observe-1", "/observe-2"),
                lines.stream().map(l -> l.path("httpRequest").path("requestUrl").asText()).toList());
    }
}
