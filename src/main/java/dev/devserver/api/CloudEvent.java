package dev.devserver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A CloudEvent (spec 1.0) as an HTTP request, in the two modes of the HTTP protocol binding that Knative's
 * {@code func invoke} sends: binary (attributes as {@code ce-*} headers, the data as the body) or structured (one
 * {@code application/cloudevents+json} document). Used by {@code devserver invoke --cloudevent} and the Invoke panel.
 *
 * @param contentType the data's media type (the event's {@code datacontenttype})
 */
public record CloudEvent(String id, String source, String type, String contentType) {
    public static final String SPEC_VERSION = "1.0";
    public static final String STRUCTURED_TYPE = "application/cloudevents+json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Headers and body of one request. */
    public record HttpForm(Map<String, String> headers, byte[] body) {
    }

    /** Checks the attributes the spec requires; a missing id gets a random UUID, as {@code func invoke} gives. */
    public CloudEvent {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a CloudEvent needs a source, e.g. /my/app");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a CloudEvent needs a type, e.g. com.example.order.created");
        }
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        contentType = contentType == null || contentType.isBlank() ? "application/json" : contentType;
    }

    /** Binary mode: {@code ce-specversion}, {@code ce-id}, {@code ce-source}, {@code ce-type}; Content-Type is the data's. */
    public HttpForm binary(byte[] data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", SPEC_VERSION);
        headers.put("ce-id", id);
        headers.put("ce-source", source);
        headers.put("ce-type", type);
        headers.put("Content-Type", contentType);
        return new HttpForm(headers, data);
    }

    /**
     * Structured mode: JSON data goes in as JSON ({@code data}), other text as a string, and anything that is not
     * UTF-8 text as {@code data_base64}, as the JSON event format says.
     */
    public HttpForm structured(byte[] data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", SPEC_VERSION).put("id", id).put("source", source).put("type", type)
                .put("datacontenttype", contentType);
        if (data != null && data.length > 0) {
            String text = utf8(data);
            if (text == null) {
                event.put("data_base64", Base64.getEncoder().encodeToString(data));
            } else if (isJson(contentType)) {
                try {
                    event.set("data", JSON.readTree(text));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("the data is not JSON, but its content type is " + contentType
                            + ": fix the data, or give its real type as the Content-Type header (text/plain)");
                }
            } else {
                event.put("data", text);
            }
        }
        try {
            return new HttpForm(Map.of("Content-Type", STRUCTURED_TYPE), JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJson(String mediaType) {
        String t = mediaType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return t.equals("application/json") || t.endsWith("+json") || t.equals("text/json");
    }

    /** The text, or null when the bytes are not valid UTF-8. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
