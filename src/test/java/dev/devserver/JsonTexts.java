package dev.devserver;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Several text fields of one JSON object checked at once, so a failure shows every field that differs. */
public final class JsonTexts {
    private JsonTexts() {
    }

    /** @param expected field name (or JSON pointer, starting with /) → its text */
    public static void assertTexts(Map<String, String> expected, JsonNode node) {
        Map<String, String> actual = new LinkedHashMap<>();
        expected.keySet().forEach(key -> {
            JsonNode value = key.startsWith("/") ? node.at(key) : node.get(key);
            actual.put(key, value == null || value.isMissingNode() ? null : value.asText());
        });
        assertEquals(new LinkedHashMap<>(expected), actual, node::toPrettyString);
    }
}
