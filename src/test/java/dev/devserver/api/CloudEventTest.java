package dev.devserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CloudEvents HTTP binding's two modes, as `func invoke` sends them. */
class CloudEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DATA = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void binaryModePutsAttributesInHeadersAndTheDataInTheBody() {
        CloudEvent.HttpForm form = new CloudEvent("1", "/src", "t.created", null).binary(DATA);
        assertEquals(Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/src", "ce-type", "t.created",
                "Content-Type", "application/json"), form.headers());
        assertArrayEquals(DATA, form.body());
    }

    @Test
    void structuredModeCarriesJsonTextAndBytes() throws Exception {
        JsonNode json = JSON.readTree(new CloudEvent("1", "/src", "t", null).structured(DATA).body());
        assertEquals("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/src\",\"type\":\"t\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"a\":1}}", json.toString());
        JsonNode text = JSON.readTree(new CloudEvent("1", "/s", "t", "text/plain").structured("hi".getBytes()).body());
        assertEquals("hi", text.path("data").asText());
        JsonNode bytes = JSON.readTree(new CloudEvent("1", "/s", "t", "application/octet-stream")
                .structured(new byte[] {(byte) 0xff, 0}).body());
        assertEquals("/wA=", bytes.path("data_base64").asText());
        assertFalse(bytes.has("data"));
        assertEquals("application/cloudevents+json; charset=utf-8",
                new CloudEvent("1", "/s", "t", null).structured(new byte[0]).headers().get("Content-Type"));
    }

    @Test
    void requiredAttributesAndBadJsonAreNamed() {
        assertTrue(new CloudEvent(null, "/s", "t", null).id().matches("[0-9a-f-]{36}"));
        assertEquals("a CloudEvent needs a source, e.g. /my/app",
                assertThrows(IllegalArgumentException.class, () -> new CloudEvent("1", " ", "t", null)).getMessage());
        assertEquals("a CloudEvent needs a type, e.g. com.example.order.created",
                assertThrows(IllegalArgumentException.class, () -> new CloudEvent("1", "/s", null, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CloudEvent("1", "/s", "t", null).structured("{nope".getBytes())).getMessage()
                .startsWith("the data is not JSON, but its content type is application/json"));
    }
}
