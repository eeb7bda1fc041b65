package dev.devserver.router;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A container connection that dies before answering: safe requests go once more, others get 502. */
class ProxyRetryTest extends RouterTestBase {
    private final AtomicInteger seen = new AtomicInteger();

    private void firstConnectionDies() {
        upstreamHandler = req -> {
            if (seen.incrementAndGet() == 1) {
                req.connection().close(); // as a keep-alive connection reset under the router's feet
            } else {
                req.body().onSuccess(b -> req.response().end("second try"));
            }
        };
    }

    @Test
    void aGetWithoutBodyIsSentOnceMore() throws Exception {
        firstConnectionDies();
        Reply reply = get(FN_HOST, "/");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("second try", reply.body());
        assertEquals(2, seen.get());
        waitUntil("the request is logged", () -> records.size() == 1);
        Thread.sleep(100);
        assertEquals(1, records.size(), "one request, one log line");
    }

    @Test
    void aPostIsNeverSentTwice() throws Exception {
        firstConnectionDies();
        Reply reply = send(HttpMethod.POST, FN_HOST, "/", null, "{\"pay\":1}");
        assertEquals(502, reply.status(), reply.body());
        assertEquals(1, seen.get());
    }
}
