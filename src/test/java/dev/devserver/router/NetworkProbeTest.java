package dev.devserver.router;

import dev.devserver.serving.ServiceStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** K-Network-Probe is answered as queue-proxy answers it, and neither reaches the function nor the request log. */
class NetworkProbeTest extends RouterTestBase {
    private Reply probe(String value, String hash) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("K-Network-Probe", value);
        if (hash != null) {
            headers.add("K-Network-Hash", hash);
        }
        return send(HttpMethod.GET, FN_HOST, "/any/path", headers, null);
    }

    @Test
    void queueProbeAnswersQueueWhileReadyAnd503Otherwise() throws Exception {
        services.statuses.add(new ServiceStatus("echo", "functions-echo", "http://" + FN_HOST, true, null));
        Reply ready = probe("queue", null);
        assertEquals(200, ready.status());
        assertEquals("queue", ready.body().strip());

        services.statuses.set(0, new ServiceStatus("echo", "functions-echo", "http://" + FN_HOST, false, "build failed"));
        assertEquals(503, probe("queue", null).status());
        assertTrue(upstreamHeaders.isEmpty(), "no probe reached the function");
        assertTrue(records.isEmpty(), "probes are not request-logged");
        assertEquals(0, echo.acquired.get(), "a probe neither takes a container nor wakes one from zero");
    }

    @Test
    void ingressProbeEchoesItsHashAndOtherValuesAre400() throws Exception {
        Reply hashed = probe("probe", "abc123");
        assertEquals(200, hashed.status());
        assertEquals("abc123", hashed.headers().get("K-Network-Hash"));
        assertEquals(400, probe("probe", null).status());
        Reply odd = probe("activator", null);
        assertEquals(400, odd.status());
        assertEquals("unexpected probe header value: activator", odd.body().strip());
        assertTrue(upstreamHeaders.isEmpty());

        assertEquals(200, get(FN_HOST, "/").status(), "requests without the header still reach the function");
        assertEquals(1, upstreamHeaders.size());
    }
}
