package dev.devserver.router;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests an attacker (or a confused client) may send: ambiguous framing is refused with 400 and never reaches the
 * function; a client trickling its headers is cut off after the header-read timeout.
 */
class HostileInputTest extends RouterTestBase {
    private static final String POST = "POST / HTTP/1.1\r\nHost: " + FN_HOST + "\r\n";
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: " + FN_HOST + "\r\n\r\n";

    private void refusedAndNeverForwarded(String request) throws Exception {
        String reply = RawHttp.exchange(port, request);
        assertEquals(400, RawHttp.status(reply), () -> "for:\n" + request + "\nreply:\n" + reply);
        Thread.sleep(100); // anything forwarded would have arrived by now
        assertTrue(upstreamHeaders.isEmpty(), () -> "forwarded to the function: " + upstreamHeaders + " for:\n" + request);
        assertEquals(0, echo.acquired.get(), "no container was even acquired");
    }

    @Test
    void contentLengthAndTransferEncodingTogether() throws Exception {
        refusedAndNeverForwarded(POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED);
        refusedAndNeverForwarded(POST + "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n" + SMUGGLED);
    }

    @Test
    void duplicateContentLengthsWithDifferentValues() throws Exception {
        refusedAndNeverForwarded(POST + "Content-Length: 4\r\nContent-Length: 40\r\n\r\nabcd" + SMUGGLED);
        refusedAndNeverForwarded(POST + "Content-Length: 4, 40\r\n\r\nabcd" + SMUGGLED);
    }

    @Test
    void transferEncodingOtherThanChunked() throws Exception {
        refusedAndNeverForwarded(POST + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + SMUGGLED);
        refusedAndNeverForwarded(POST + "Transfer-Encoding: identity\r\n\r\n" + SMUGGLED);
        refusedAndNeverForwarded(POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        refusedAndNeverForwarded(POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + SMUGGLED);
        refusedAndNeverForwarded("POST / HTTP/1.0\r\nHost: " + FN_HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void obsoleteLineFolding() throws Exception {
        refusedAndNeverForwarded(POST + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + SMUGGLED);
        refusedAndNeverForwarded(POST + "X-Folded: a\r\n\tb\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void aWellFormedChunkedRequestStillPasses() throws Exception {
        upstreamHandler = req -> req.body().onSuccess(b -> req.response().end("got " + b));
        String reply = RawHttp.exchange(port, POST + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nabcd\r\n0\r\n\r\n");
        assertEquals(200, RawHttp.status(reply), reply);
        assertTrue(reply.endsWith("got abcd"), reply);
    }

    @Test
    void aClientTricklingItsHeadersIsCutOff() throws Exception {
        long start = System.nanoTime();
        boolean closed = false;
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + FN_HOST + "\r\n" + "X-Slow: " + "a".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (byte b : request) {
                try {
                    out.write(b);
                    out.flush();
                } catch (SocketException e) {
                    closed = true;
                    break;
                }
                try {
                    if (in.read() < 0) {
                        closed = true;
                        break;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the router is still waiting: trickle on
                } catch (SocketException e) {
                    closed = true;
                    break;
                }
                Thread.sleep(300);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("slowloris: cut off after %.1f s%n", seconds);
        assertTrue(closed, "the router kept a trickling connection open for the whole request");
        assertTrue(seconds < RouterVerticle.HEADER_READ_TIMEOUT_SECONDS + 3, "cut off after " + seconds + " s");
        assertTrue(upstreamHeaders.isEmpty());
    }

    @Test
    void oversizedHeadersAndMalformedHostAreRefused() throws Exception {
        assertEquals(431, RawHttp.status(RawHttp.exchange(port,
                "GET / HTTP/1.1\r\nHost: " + FN_HOST + "\r\nX-Big: " + "x".repeat(RouterVerticle.MAX_HEADER_BYTES + 1) + "\r\n\r\n")));
        for (String host : new String[] {"a b", "evil.com/x", "x.y:port", "[::1", "a..b", "", "\u00e9.localhost"}) {
            assertEquals(400, RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n")), host);
        }
        assertTrue(upstreamHeaders.isEmpty());
    }
}
