package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A minimal Debug Adapter Protocol client (what VS Code speaks to debugpy and Delve): Content-Length framed JSON over
 * TCP, requests sent with a sequence number, every message read kept in order for {@link #await}.
 */
final class DapClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Socket socket;
    private final OutputStream out;
    private final AtomicInteger seq = new AtomicInteger();
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final List<JsonNode> unclaimed = new ArrayList<>();

    DapClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "dap-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int send(String command, ObjectNode arguments) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("seq", seq.incrementAndGet()).put("type", "request")
                .put("command", command);
        request.set("arguments", arguments == null ? JSON.createObjectNode() : arguments);
        byte[] body = JSON.writeValueAsBytes(request);
        synchronized (out) {
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
        return request.get("seq").asInt();
    }

    static ObjectNode args() {
        return JSON.createObjectNode();
    }

    /** The first message not yet returned that matches {@code wanted}; fails with all seen after the timeout. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        for (JsonNode earlier : unclaimed) { // arrived while another message was awaited
            if (wanted.test(earlier)) {
                unclaimed.remove(earlier);
                return earlier;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = inbox.poll(200, TimeUnit.MILLISECONDS);
            if (message != null) {
                seen.add(message);
                if (wanted.test(message)) {
                    return message;
                }
                unclaimed.add(message);
            }
        }
        throw new AssertionError("no such DAP message within " + timeout + "; seen: " + seen);
    }

    /** A message that arrived while others were awaited and matches {@code wanted}, claimed; without waiting. */
    Optional<JsonNode> received(Predicate<JsonNode> wanted) {
        for (JsonNode earlier : unclaimed) {
            if (wanted.test(earlier)) {
                unclaimed.remove(earlier);
                return Optional.of(earlier);
            }
        }
        return Optional.empty();
    }

    static Predicate<JsonNode> event(String name) {
        return m -> "event".equals(m.path("type").asText()) && name.equals(m.path("event").asText());
    }

    /** A "stopped" event for {@code reason} (breakpoint, pause, step…). */
    static Predicate<JsonNode> stopped(String reason) {
        return event("stopped").and(m -> reason.equals(m.at("/body/reason").asText()));
    }

    static Predicate<JsonNode> response(int requestSeq) {
        return m -> "response".equals(m.path("type").asText()) && m.path("request_seq").asInt() == requestSeq;
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int length = -1;
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                    if (c == '\n') {
                        String header = line.toString().trim();
                        line.setLength(0);
                        if (header.isEmpty()) {
                            break;
                        }
                        if (header.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring("content-length:".length()).trim());
                        }
                    } else {
                        line.append((char) c);
                    }
                }
                if (c == -1 || length < 0) {
                    return;
                }
                inbox.add(JSON.readTree(in.readNBytes(length)));
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Says goodbye as an editor does (the debuggee keeps running), then closes. */
    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                send("disconnect", args().put("terminateDebuggee", false));
                Thread.sleep(300);
            }
        } catch (IOException | InterruptedException gone) {
            // the debuggee's process may have ended already (one per request)
        }
        socket.close();
    }
}
