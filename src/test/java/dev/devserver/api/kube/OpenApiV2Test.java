package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The v2 document kubectl 1.20 reads, as the build rendered it into the classes (OpenApiDocuments, with fabric8's
 * sources): definitions under their Kubernetes names with x-kubernetes-group-version-kind, refs into #/definitions,
 * Knative's descriptions, and the protobuf read back field by field with gnostic's numbers (OpenAPIv2.proto).
 */
class OpenApiV2Test {
    static final ObjectNode DOC = rendered(OpenApi.V2_JSON);

    static ObjectNode rendered(String document) {
        try (InputStream in = OpenApiV2Test.class.getClassLoader().getResourceAsStream(OpenApi.FOLDER + document)) {
            assertNotNull(in, "the build renders " + document + " into target/classes (mvn process-classes)");
            return (ObjectNode) KubeJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void definitionsCarryTheirKindAndReferToDefinitions() {
        JsonNode service = DOC.path("definitions").path("dev.knative.serving.v1.Service");
        assertEquals("2.0", DOC.path("swagger").asText());
        assertEquals("serving.knative.dev", service.path("x-kubernetes-group-version-kind").get(0).path("group").asText());
        assertEquals("Service", service.path("x-kubernetes-group-version-kind").get(0).path("kind").asText());
        assertEquals("#/definitions/dev.knative.serving.v1.ServiceSpec", service.path("properties").path("spec").path("$ref").asText());
        assertEquals("", DOC.path("definitions").path("io.k8s.api.core.v1.Secret").path("x-kubernetes-group-version-kind")
                .get(0).path("group").asText(), "the core group is empty");
        assertTrue(DOC.findValues("$ref").stream().allMatch(r -> r.asText().startsWith("#/definitions/")));
    }

    @Test
    void schemasCarryKnativesAndKubernetesDescriptions() {
        JsonNode revisionSpec = DOC.path("definitions").path("dev.knative.serving.v1.RevisionSpec");
        assertTrue(revisionSpec.path("description").asText().startsWith("RevisionSpec holds the desired state"), revisionSpec.path("description").asText());
        assertTrue(revisionSpec.path("properties").path("containerConcurrency").path("description").asText()
                .startsWith("ContainerConcurrency specifies the maximum allowed in-flight (concurrent) requests"));
        assertTrue(DOC.path("definitions").path("io.k8s.api.core.v1.Container").path("properties").path("image")
                .path("description").asText().startsWith("Container image name."));
        assertFalse(revisionSpec.path("properties").path("affinity").has("description"),
                "fabric8 gives $ref properties the enclosing type's description, which is not the field's");
    }

    @Test
    void theProtobufHoldsTheSameDocument() throws Exception {
        UnknownFieldSet document = UnknownFieldSet.parseFrom(OpenApiV2.protobuf(DOC));
        assertEquals("2.0", string(document, 1));
        assertEquals("devserver", string(message(document, 2), 1), "info.title");
        List<UnknownFieldSet> definitions = messages(message(document, 9), 1);
        assertEquals(DOC.path("definitions").size(), definitions.size());

        UnknownFieldSet service = named(definitions, "dev.knative.serving.v1.Service");
        assertEquals("object", string(message(service, 22), 1), "type");
        assertTrue(string(service, 4).startsWith("Service acts as a top-level container"), "description");
        UnknownFieldSet spec = named(messages(message(service, 25), 1), "spec");
        assertEquals("#/definitions/dev.knative.serving.v1.ServiceSpec", string(spec, 1), "$ref");
        UnknownFieldSet kind = messages(service, 31).get(0);
        assertEquals("x-kubernetes-group-version-kind", string(kind, 1));
        assertTrue(string(message(kind, 2), 2).contains("\"kind\":\"Service\""), "the extension's value as YAML (JSON)");

        UnknownFieldSet secret = named(definitions, "io.k8s.api.core.v1.Secret");
        UnknownFieldSet data = named(messages(message(secret, 25), 1), "data");
        UnknownFieldSet values = message(message(data, 21), 1);
        assertEquals("string", string(message(values, 22), 1), "data is a map of strings (additionalProperties)");
    }

    private static UnknownFieldSet named(List<UnknownFieldSet> entries, String name) {
        Optional<UnknownFieldSet> entry = entries.stream().filter(e -> name.equals(string(e, 1))).findFirst();
        return message(entry.orElseThrow(() -> new AssertionError("no " + name)), 2);
    }

    private static String string(UnknownFieldSet message, int field) {
        return message.getField(field).getLengthDelimitedList().get(0).toStringUtf8();
    }

    private static UnknownFieldSet message(UnknownFieldSet message, int field) {
        return messages(message, field).get(0);
    }

    private static List<UnknownFieldSet> messages(UnknownFieldSet message, int field) {
        return message.getField(field).getLengthDelimitedList().stream().map(OpenApiV2Test::parse).toList();
    }

    private static UnknownFieldSet parse(ByteString bytes) {
        try {
            return UnknownFieldSet.parseFrom(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
