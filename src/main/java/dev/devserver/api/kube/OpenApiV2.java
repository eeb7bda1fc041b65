package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * OpenAPI v2 ({@code /openapi/v2}) for kubectl before 1.27 (Debian's is 1.20): it validates what it applies, and
 * explains, with this document only, which it asks for as protobuf — gnostic's {@code openapi.v2.Document}
 * (github.com/google/gnostic, openapiv2/OpenAPIv2.proto; the field numbers below are that file's). The schemas are
 * the v3 components of {@link ModelSchemas}, under {@code definitions}.
 */
final class OpenApiV2 {
    /** kubectl asks with "…spec.v2@v1.0+protobuf"; Go's mime parser refuses the "@" in an answer, so "." there. */
    static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private OpenApiV2() {
    }

    /** The swagger 2.0 document as JSON: definitions carry x-kubernetes-group-version-kind, as kubectl looks them up. */
    static ObjectNode json(Map<ResourceType, Class<?>> models, String version, ModelDocs docs) {
        ModelSchemas schemas = new ModelSchemas(docs);
        ObjectNode doc = KubeJson.MAPPER.createObjectNode();
        doc.put("swagger", "2.0");
        doc.putObject("info").put("title", "devserver").put("version", version);
        doc.putObject("paths");
        for (Map.Entry<ResourceType, Class<?>> model : models.entrySet()) {
            ResourceType type = model.getKey();
            ObjectNode schema = (ObjectNode) schemas.components().get(schemas.add(model.getValue()));
            schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", type.group())
                    .put("version", type.version()).put("kind", type.kind());
        }
        ObjectNode definitions = schemas.components().deepCopy();
        definitions.findParents("$ref").forEach(parent -> ((ObjectNode) parent).put("$ref",
                parent.get("$ref").asText().replace("#/components/schemas/", "#/definitions/")));
        doc.set("definitions", definitions);
        return doc;
    }

    /** {@code document} (from {@link #json}) in gnostic's protobuf encoding. */
    static byte[] protobuf(ObjectNode document) {
        Message info = new Message().string(1, document.path("info").path("title").asText())
                .string(2, document.path("info").path("version").asText());
        Message definitions = new Message();
        document.path("definitions").fields().forEachRemaining(d -> definitions.message(1, named(d.getKey(), schema(d.getValue()))));
        return new Message().string(1, document.path("swagger").asText()).message(2, info).message(8, new Message())
                .message(9, definitions).bytes();
    }

    /** A JSON Schema in gnostic's {@code Schema}: the keywords ModelSchemas writes, and vendor extensions as YAML. */
    private static Message schema(JsonNode s) {
        Message m = new Message();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "$ref" -> m.string(1, value.asText());
                case "format" -> m.string(2, value.asText());
                case "description" -> m.string(4, value.asText());
                case "required" -> value.forEach(r -> m.string(19, r.asText()));
                case "additionalProperties" -> m.message(21, value.isBoolean()
                        ? new Message().bool(2, value.asBoolean()) : new Message().message(1, schema(value)));
                case "type" -> m.message(22, new Message().string(1, value.asText()));
                case "items" -> m.message(23, new Message().message(1, schema(value)));
                case "properties" -> {
                    Message properties = new Message();
                    value.fields().forEachRemaining(p -> properties.message(1, named(p.getKey(), schema(p.getValue()))));
                    m.message(25, properties);
                }
                default -> {
                    if (field.getKey().startsWith("x-")) { // JSON is YAML: the value as gnostic's Any.yaml
                        m.message(31, new Message().string(1, field.getKey())
                                .message(2, new Message().string(2, value.toString())));
                    }
                }
            }
        }
        return m;
    }

    private static Message named(String name, Message value) {
        return new Message().string(1, name).message(2, value);
    }

    /** One protobuf message being written: fields in order, nested messages length-delimited. */
    private static final class Message {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        Message string(int field, String value) {
            return write(() -> out.writeString(field, value));
        }

        Message bool(int field, boolean value) {
            return write(() -> out.writeBool(field, value));
        }

        Message message(int field, Message value) {
            byte[] bytes = value.bytes();
            return write(() -> out.writeByteArray(field, bytes));
        }

        byte[] bytes() {
            write(out::flush);
            return buffer.toByteArray();
        }

        private Message write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            return this;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
