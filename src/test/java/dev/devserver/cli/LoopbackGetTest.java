package dev.devserver.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the JDK's own HTTP server: a sized body, a chunked one, an error status, a request's headers, a refusal. */
class LoopbackGetTest {
    private HttpServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sized", exchange -> answer(exchange, 200, "{\"apiVersion\":\"v1\"}", false));
        server.createContext("/chunked", exchange -> answer(exchange, 200, "x".repeat(70_000), true));
        server.createContext("/token", exchange -> {
            boolean allowed = "Bearer t0k".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, allowed ? 200 : 401, allowed ? "ok" : "{\"reason\":\"Unauthorized\"}", false);
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body, boolean chunked)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length); // 0: chunked
        try (OutputStream out = exchange.getResponseBody()) {
            for (int at = 0; at < bytes.length; at += 8192) { // several chunks
                out.write(bytes, at, Math.min(8192, bytes.length - at));
                out.flush();
            }
        }
    }

    @Test
    void readsABodySizedByContentLength() throws IOException {
        LoopbackGet.Answer answer = LoopbackGet.get(port, "/sized", Map.of(), 1000, 5000);
        assertEquals(200, answer.status());
        assertEquals("{\"apiVersion\":\"v1\"}", new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void joinsAChunkedBody() throws IOException {
        LoopbackGet.Answer answer = LoopbackGet.get(port, "/chunked", Map.of(), 1000, 5000);
        assertEquals(200, answer.status());
        assertArrayEquals("x".repeat(70_000).getBytes(StandardCharsets.UTF_8), answer.body());
    }

    @Test
    void sendsTheHeadersAndKeepsAnErrorStatusAndBody() throws IOException {
        assertEquals("ok", new String(LoopbackGet.get(port, "/token", Map.of("Authorization", "Bearer t0k"), 1000, 5000)
                .body(), StandardCharsets.UTF_8));
        LoopbackGet.Answer refused = LoopbackGet.get(port, "/token", Map.of(), 1000, 5000);
        assertEquals(401, refused.status());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("Unauthorized"));
    }

    @Test
    void aClosedPortIsAConnectException() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThrows(ConnectException.class, () -> LoopbackGet.get(closed, "/", Map.of(), 1000, 5000));
    }

    @Test
    void somethingElseThanHttpIsAnIoError() {
        IOException e = assertThrows(IOException.class,
                () -> LoopbackGet.parse("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("not HTTP"), e.getMessage());
        assertThrows(IOException.class, () -> LoopbackGet.parse(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
