package dev.devserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Invoke panel's request, sent through devserver's own router (to its port, with the function's Host) rather
 * than straight to the container, so it is activated, logged and counted exactly like a request from curl.
 */
final class Invoker {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Framing and routing are ours to set; letting the caller set them would let it smuggle or re-route. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

    private final HttpClient client;
    private final String routerAddress;
    private final long timeoutMs;

    Invoker(Vertx vertx, String routerAddress, long timeoutMs) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(5_000));
        this.routerAddress = routerAddress;
        this.timeoutMs = timeoutMs;
    }

    /** Validated invoke request; the constructor's message is what the caller sees on a 400. */
    record Call(HttpMethod method, String path, Map<String, String> headers, String body) {
        static Call parse(JsonNode json) {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object {method, path, headers, body}");
            }
            String method = json.path("method").asText("GET").toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method must be one of " + METHODS);
            }
            String path = json.path("path").asText("/");
            if (path.isEmpty()) {
                path = "/";
            }
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("path must start with / and contain no spaces or control characters");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode given = json.path("headers");
            if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
                throw new IllegalArgumentException("headers must be a JSON object of names to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                String name = header.getKey().trim();
                String value = header.getValue().asText();
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                    throw new IllegalArgumentException("invalid header: " + name);
                }
                if (!RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name, value);
                }
            }
            JsonNode body = json.path("body");
            String text = body.isMissingNode() || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
            JsonNode event = json.path("cloudEvent");
            if (event.isObject()) {
                return asCloudEvent(HttpMethod.valueOf(method), path, headers, text, event);
            }
            return new Call(HttpMethod.valueOf(method), path, headers, text);
        }

        /** {cloudEvent: {type, source, id?, structured?}}: the body becomes the event's data, typed by Content-Type. */
        private static Call asCloudEvent(HttpMethod method, String path, Map<String, String> headers, String data,
                                         JsonNode event) {
            String given = headers.keySet().stream().filter(h -> h.equalsIgnoreCase("content-type")).findFirst()
                    .map(headers::remove).orElse(data != null && looksLikeJson(data) ? null : "text/plain; charset=utf-8");
            CloudEvent ce = new CloudEvent(event.path("id").asText(null), event.path("source").asText(null),
                    event.path("type").asText(null), given);
            byte[] bytes = data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
            CloudEvent.HttpForm form = event.path("structured").asBoolean(false) ? ce.structured(bytes) : ce.binary(bytes);
            headers.putAll(form.headers());
            return new Call(method, path, headers, new String(form.body(), StandardCharsets.UTF_8));
        }
    }

    /** @param host the function's Host header, with the router's port as a browser would send it */
    Future<Map<String, Object>> invoke(int routerPort, String host, Call call) {
        long started = System.nanoTime();
        RequestOptions options = new RequestOptions().setHost(routerAddress).setPort(routerPort).setMethod(call.method())
                .setURI(call.path()).setTimeout(timeoutMs).putHeader("Host", host);
        // Marks these requests in the request log; the caller may still set its own.
        options.putHeader("User-Agent", "devserver-invoke");
        call.headers().forEach(options::putHeader);
        if (call.body() != null && !call.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"))) {
            options.putHeader("Content-Type", looksLikeJson(call.body()) ? "application/json" : "text/plain; charset=utf-8");
        }
        return client.request(options)
                .compose(request -> call.body() == null ? request.send() : request.send(Buffer.buffer(call.body())))
                .compose(response -> {
                    Buffer body = Buffer.buffer();
                    response.handler(chunk -> {
                        if (body.length() < MAX_BODY_BYTES) {
                            body.appendBuffer(chunk.length() <= MAX_BODY_BYTES - body.length() ? chunk
                                    : chunk.getBuffer(0, MAX_BODY_BYTES - body.length()));
                        }
                    });
                    return response.end().map(v -> {
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("status", response.statusCode());
                        Map<String, String> headers = new LinkedHashMap<>();
                        response.headers().names().forEach(n -> headers.put(n, String.join(", ", response.headers().getAll(n))));
                        result.put("headers", headers);
                        result.put("body", body.toString());
                        result.put("truncated", body.length() >= MAX_BODY_BYTES);
                        result.put("durationMs", (System.nanoTime() - started) / 1_000_000.0);
                        return result;
                    });
                });
    }

    private static boolean looksLikeJson(String body) {
        String t = body.trim();
        return t.startsWith("{") || t.startsWith("[");
    }

    void close() {
        client.close();
    }
}
