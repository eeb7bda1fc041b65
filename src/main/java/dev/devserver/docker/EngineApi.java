package dev.devserver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engine calls docker-java has no command for, on the same connection: Docker's commit with {@code changes}
 * (Podman's compatible commit reads its configuration only from there), and Podman's own (libpod) endpoints where its
 * compatible ones do something else. Errors are docker-java's {@link DockerException}, with the engine's message.
 */
public final class EngineApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DockerHttpClient http;

    public EngineApi(DockerClient docker) {
        this.http = ((DockerClientImpl) docker).getHttpClient();
    }

    /** POST {@code path} (query parameters encoded here) with {@code body} as JSON; the reply's JSON. */
    public JsonNode post(String path, Map<String, String> query, Object body) {
        try {
            byte[] json = JSON.writeValueAsBytes(body == null ? Map.of() : body);
            return call(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                    .path(path + query(query)).putHeader("Content-Type", "application/json")
                    .bodyBytes(json).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET {@code path} (query parameters encoded here); the reply's JSON. */
    public JsonNode get(String path, Map<String, String> query) {
        try {
            return call(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                    .path(path + query(query)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as JSON text (a filters parameter). */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query string of these parameters, in their order (empty for none). */
    static String query(Map<String, String> query) {
        return query.isEmpty() ? "" : query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(DockerHttpClient.Request request) throws IOException {
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            JsonNode reply = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
            if (response.getStatusCode() >= 300) {
                String message = reply.hasNonNull("message") ? reply.get("message").asText()
                        : new String(bytes, StandardCharsets.UTF_8).strip();
                throw new DockerException(request.method() + " " + request.path() + ": " + message, response.getStatusCode());
            }
            return reply;
        }
    }
}
