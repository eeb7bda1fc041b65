package dev.devserver.router;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyHeadersTest extends RouterTestBase {

    @Test
    void addsForwardingHeadersAndKeepsMethodPathQueryAndBody() throws Exception {
        upstreamHandler = req -> req.body().onSuccess(b -> req.response().putHeader("X-Echo-Method", req.method().name())
                .putHeader("X-Echo-Uri", req.uri()).putHeader("Keep-Alive", "timeout=5").end(b));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "10.0.0.1").add("X-Custom", "v").add("Connection", "keep-alive, X-Secret")
                .add("X-Secret", "hop").add("Proxy-Authorization", "Basic abc").add("TE", "trailers");
        Reply reply = send(HttpMethod.PUT, FN_HOST + ":" + port, "/p/a%20th?q=1&r=%2F", headers, "the body");
        assertEquals(200, reply.status());
        assertEquals("the body", reply.body());
        assertEquals("PUT", reply.headers().get("X-Echo-Method"));
        assertEquals("/p/a%20th?q=1&r=%2F", reply.headers().get("X-Echo-Uri"));
        assertNull(reply.headers().get("Keep-Alive"), "hop-by-hop response header dropped");

        MultiMap seen = upstreamHeaders.get(0);
        assertEquals(FN_HOST + ":" + port, seen.get("Host"));
        assertEquals("for=127.0.0.1;host=\"" + FN_HOST + ":" + port + "\";proto=http", seen.get("Forwarded"));
        assertEquals("10.0.0.1, 127.0.0.1", seen.get("X-Forwarded-For"));
        assertEquals("http", seen.get("X-Forwarded-Proto"));
        assertEquals(FN_HOST + ":" + port, seen.get("X-Forwarded-Host"));
        assertEquals("v", seen.get("X-Custom"));
        assertNull(seen.get("X-Secret"), "header named in Connection is hop-by-hop");
        assertNull(seen.get("Proxy-Authorization"));
        assertNull(seen.get("TE"));
        assertTrue(TraceParent.isValid(seen.get("traceparent")), seen.get("traceparent"));
    }

    @Test
    void keepsValidTraceparentAndReplacesInvalidOne() throws Exception {
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        send(HttpMethod.GET, FN_HOST, "/", MultiMap.caseInsensitiveMultiMap().add("traceparent", valid), null);
        assertEquals(valid, upstreamHeaders.get(0).get("traceparent"));

        send(HttpMethod.GET, FN_HOST, "/", MultiMap.caseInsensitiveMultiMap().add("traceparent", "00-bogus-01"), null);
        String generated = upstreamHeaders.get(1).get("traceparent");
        assertTrue(generated.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), generated);

        get(FN_HOST, "/");
        String another = upstreamHeaders.get(2).get("traceparent");
        assertTrue(TraceParent.isValid(another));
        assertNotEquals(generated, another);
        waitUntil("three records", () -> records.size() == 3);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", records.get(0).traceId());
        assertEquals(generated.substring(3, 35), records.get(1).traceId());
    }

    @Test
    void b3HeadersCarryTheTraceparentIdsAndAClientsB3PassesThrough() throws Exception {
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        send(HttpMethod.GET, FN_HOST, "/", MultiMap.caseInsensitiveMultiMap().add("traceparent", valid), null);
        MultiMap derived = upstreamHeaders.get(0);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", derived.get("X-B3-TraceId"));
        assertEquals("00f067aa0ba902b7", derived.get("X-B3-SpanId"));
        assertEquals("1", derived.get("X-B3-Sampled"));

        get(FN_HOST, "/");
        MultiMap generated = upstreamHeaders.get(1);
        assertEquals(generated.get("traceparent").substring(3, 35), generated.get("X-B3-TraceId"));
        assertEquals(generated.get("traceparent").substring(36, 52), generated.get("X-B3-SpanId"));

        MultiMap b3 = MultiMap.caseInsensitiveMultiMap().add("X-B3-TraceId", "a3ce929d0e0e4736")
                .add("X-B3-SpanId", "00f067aa0ba902b7").add("X-B3-Sampled", "0").add("X-B3-ParentSpanId", "0000000000000001");
        send(HttpMethod.GET, FN_HOST, "/", b3, null);
        MultiMap passed = upstreamHeaders.get(2);
        assertEquals("a3ce929d0e0e4736", passed.get("X-B3-TraceId"), "a 64-bit B3 trace id is passed as sent");
        assertEquals("00f067aa0ba902b7", passed.get("X-B3-SpanId"));
        assertEquals("0", passed.get("X-B3-Sampled"));
        assertEquals("0000000000000001", passed.get("X-B3-ParentSpanId"));
        assertEquals("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00", passed.get("traceparent"),
                "a B3-only caller's trace continues in traceparent");

        send(HttpMethod.GET, FN_HOST, "/", MultiMap.caseInsensitiveMultiMap().add("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"), null);
        MultiMap single = upstreamHeaders.get(3);
        assertEquals("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1", single.get("b3"));
        assertNull(single.get("X-B3-TraceId"), "single-header b3 is not doubled into multi-header B3");
    }

    @Test
    void streamsChunkedResponsesAndKeepsStatus() throws Exception {
        upstreamHandler = req -> {
            req.response().setStatusCode(201).setChunked(true);
            for (int i = 0; i < 100; i++) {
                req.response().write("chunk" + i + ";");
            }
            req.response().end();
        };
        Reply reply = get(FN_HOST, "/");
        assertEquals(201, reply.status());
        assertTrue(reply.body().startsWith("chunk0;chunk1;") && reply.body().endsWith("chunk99;"));
    }
}
