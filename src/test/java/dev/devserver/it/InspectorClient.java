package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.function.Predicate;

/** Node's inspector (Chrome DevTools protocol over its WebSocket), as DevTools attaches: numbered calls, events kept for {@link #event}. */
final class InspectorClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<JsonNode> seen = new ArrayList<>();
    private final WebSocket socket;

    /** The first target listed on the printed port; a per-request process lists it a moment after the request. */
    static InspectorClient attach(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // no h2c Upgrade
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
                String url = targets.get(0).path("webSocketDebuggerUrl").asText();
                assertTrue(url.startsWith("ws://127.0.0.1:" + port + "/"), "reached through the printed port: " + targets);
                return new InspectorClient(http, url);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(300);
            }
        }
    }

    InspectorClient(HttpClient http, String url) throws Exception {
        socket = http.newWebSocketBuilder().buildAsync(URI.create(url), this).get(10, TimeUnit.SECONDS);
    }

    JsonNode call(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get();
        return awaitMessage(m -> m.path("id").asInt() == id);
    }

    JsonNode event(String method) throws Exception {
        return awaitMessage(m -> method.equals(m.path("method").asText()));
    }

    /** Messages that arrived while another was awaited stay in {@code seen} for a later await. */
    private JsonNode awaitMessage(Predicate<JsonNode> wanted) throws Exception {
        for (JsonNode earlier : seen) {
            if (wanted.test(earlier)) {
                seen.remove(earlier);
                return earlier;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = inbox.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
            if (m != null) {
                seen.add(m);
            }
        }
        throw new AssertionError("no such inspector message; seen: " + seen);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                inbox.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
