package dev.devserver.observe.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading the fields of one log line the way the query language names them ({@code httpRequest.status}). */
public final class LineFields {
    private LineFields() {
    }

    /** The field's value as text; empty when the line lacks it or it is an object. */
    public static String text(ObjectNode line, String dottedField) {
        JsonNode node = line;
        for (String part : dottedField.split("\\.")) {
            node = node.path(part);
        }
        return node.isValueNode() ? node.asText("") : "";
    }

    public static Instant timestamp(ObjectNode line) {
        try {
            return Instant.parse(line.path("timestamp").asText(""));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
