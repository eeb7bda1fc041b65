package dev.devserver.router;

import dev.devserver.serving.ServiceStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingTest extends RouterTestBase {

    @Test
    void routesByHostWithoutPort() throws Exception {
        Reply reply = get(FN_HOST, "/hi?x=1");
        assertEquals(200, reply.status());
        assertEquals("hello from /hi", reply.body());
        assertEquals(FN_HOST, upstreamHeaders.get(0).get("Host"), "original Host is kept");
    }

    @Test
    void routesByHostWithPortAndAnyCase() throws Exception {
        Reply reply = get("Functions-Echo.NS.localhost:" + port, "/x");
        assertEquals(200, reply.status());
        assertEquals("hello from /x", reply.body());
    }

    @Test
    void unknownHostGets404PageListingEscapedUrls() throws Exception {
        services.statuses.add(new ServiceStatus("echo", "functions-echo", "http://functions-echo.ns.localhost:8080", true, ""));
        services.statuses.add(new ServiceStatus("<script>", "x", "http://a.b/?q=\"<b>&'", false, "boom"));
        Reply reply = get("nope.ns.localhost", "/");
        assertEquals(404, reply.status());
        assertTrue(reply.headers().get("Content-Type").startsWith("text/html"));
        assertTrue(reply.body().contains("http://functions-echo.ns.localhost:8080"), reply.body());
        assertTrue(reply.body().contains("http://a.b/?q=&quot;&lt;b&gt;&amp;&#39;"), reply.body());
        assertTrue(reply.body().contains("&lt;script&gt;"), reply.body());
        assertFalse(reply.body().contains("<script>"), reply.body());
        assertFalse(reply.body().contains("<b>"), reply.body());
    }

    @Test
    void aForeignHostLearnsNothingAboutTheProject() throws Exception {
        services.statuses.add(new ServiceStatus("echo", "functions-echo", "http://functions-echo.ns.localhost:8080", true, ""));
        Reply reply = get("evil.com", "/");
        assertEquals(404, reply.status());
        assertFalse(reply.body().contains("functions-echo"), reply.body());
    }

    @Test
    void healthzIsOkWhenAllReady() throws Exception {
        services.statuses.add(new ServiceStatus("echo", "functions-echo", "http://x", true, ""));
        for (String host : new String[] {"localhost", "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST:1"}) {
            // A raw socket that reads until the server closes: every byte of the reply, nothing left to timing.
            String reply = RawHttp.exchange(port, "GET /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertEquals(200, RawHttp.status(reply), host);
            assertTrue(reply.endsWith("\r\n\r\nok\n"), reply);
        }
    }

    @Test
    void healthzIs503ListingNotReadyFunctions() throws Exception {
        services.statuses.add(new ServiceStatus("echo", "functions-echo", "http://x", true, ""));
        services.statuses.add(new ServiceStatus("hello", "functions-hello", "http://y", false, "build failed: npm ERR!"));
        Reply reply = get("localhost", "/healthz");
        assertEquals(503, reply.status());
        assertTrue(reply.headers().get("Content-Type").startsWith("text/plain"));
        assertTrue(reply.body().contains("hello (functions-hello): build failed: npm ERR!"), reply.body());
        assertFalse(reply.body().contains("echo"), reply.body());
    }

    @Test
    void ownHostHandlerGetsOtherOwnHostRequests() throws Exception {
        assertEquals(404, get("localhost", "/api/functions").status());
        await(router.stop());
        router = new Router(vertx, services, options(), records::add, RequestMetrics.NONE,
                req -> req.response().end("api " + req.path()), null);
        port = await(router.start());
        assertEquals("api /api/functions", get("127.0.0.1", "/api/functions").body());
    }

    @Test
    void missingOrMalformedHostIs400() throws Exception {
        assertEquals(400, RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.0\r\n\r\n")));
        assertEquals(400, RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n")));
        assertEquals(400, RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: x.y:port\r\n\r\n")));
        assertEquals(400, RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n")));
        assertEquals(400, RawHttp.status(RawHttp.exchange(port,
                "GET / HTTP/1.1\r\nHost: " + FN_HOST + "\r\nHost: other\r\n\r\n")));
        assertTrue(echo.acquired.get() == 0);
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndNeverReachesTheFunction() throws Exception {
        String smuggle = "POST / HTTP/1.1\r\nHost: " + FN_HOST + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: " + FN_HOST + "\r\n\r\n";
        String reply = RawHttp.exchange(port, smuggle);
        assertEquals(400, RawHttp.status(reply), reply);
        assertTrue(upstreamHeaders.isEmpty(), "nothing reached the function");
    }

    @Test
    void headersAndUrlsUpToGoNetHttpsMegabytePassAndBeyondAre431And414() throws Exception {
        upstreamHandler = req -> req.response().end("uri " + req.uri().length() + ", headers " + req.headers().size());
        StringBuilder cookies = new StringBuilder(); // 1000 headers of 1000 bytes: about 1 MB in all, like Go accepts
        for (int i = 0; i < 1000; i++) {
            cookies.append("X-Part-").append(i).append(": ").append("c".repeat(1000)).append("\r\n");
        }
        String many = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: " + FN_HOST + "\r\n" + cookies
                + "Connection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(many), many.substring(0, Math.min(200, many.length())));
        String longQuery = "/?q=" + "q".repeat(64 * 1024);
        String longUrl = RawHttp.exchange(port, "GET " + longQuery + " HTTP/1.1\r\nHost: " + FN_HOST
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(longUrl), longUrl.substring(0, Math.min(200, longUrl.length())));
        assertTrue(longUrl.contains("uri " + longQuery.length() + ","), longUrl.substring(longUrl.length() - 40));
        int forwarded = upstreamHeaders.size();

        String huge = "x".repeat(RouterVerticle.MAX_HEADER_BYTES + 1);
        assertEquals(431, RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: " + FN_HOST + "\r\nX-Big: " + huge + "\r\n\r\n")));
        assertEquals(414, RawHttp.status(RawHttp.exchange(port, "GET /" + huge + " HTTP/1.1\r\nHost: " + FN_HOST + "\r\n\r\n")));
        assertEquals(forwarded, upstreamHeaders.size(), "nothing beyond the limits reached the function");
    }
}
