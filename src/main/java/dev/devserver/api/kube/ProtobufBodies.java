package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;

import java.util.Arrays;
import java.util.Base64;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf}), which kubectl uses
 * for built-in kinds it creates: the 4-byte magic {@code k8s\0}, then a runtime.Unknown wrapping the object. Decoded
 * with the official client's generated messages into the JSON the rest of the API reads. Answers stay JSON (kubectl
 * accepts both).
 */
final class ProtobufBodies {
    static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufBodies() {
    }

    /** @throws IllegalArgumentException for a body that is not a Secret or Namespace in this encoding */
    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("the protobuf body lacks Kubernetes' k8s\\0 prefix");
        }
        try {
            Runtime.Unknown unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
            String kind = unknown.getTypeMeta().getKind();
            return switch (kind) {
                case "Secret" -> secret(V1.Secret.parseFrom(unknown.getRaw()));
                case "Namespace" -> object("Namespace", V1.Namespace.parseFrom(unknown.getRaw()).getMetadata());
                default -> throw new IllegalArgumentException("devserver reads " + kind + " objects as JSON only");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the protobuf body does not decode: " + e.getMessage());
        }
    }

    private static ObjectNode secret(V1.Secret secret) {
        ObjectNode json = object("Secret", secret.getMetadata());
        if (secret.getDataCount() > 0) {
            ObjectNode data = json.putObject("data");
            secret.getDataMap().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.toByteArray())));
        }
        if (secret.getStringDataCount() > 0) {
            ObjectNode data = json.putObject("stringData");
            secret.getStringDataMap().forEach(data::put);
        }
        if (!secret.getType().isEmpty()) {
            json.put("type", secret.getType());
        }
        if (secret.hasImmutable()) {
            json.put("immutable", secret.getImmutable());
        }
        return json;
    }

    private static ObjectNode object(String kind, Meta.ObjectMeta meta) {
        ObjectNode json = KubeJson.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        ObjectNode metadata = json.putObject("metadata");
        if (!meta.getName().isEmpty()) {
            metadata.put("name", meta.getName());
        }
        if (!meta.getGenerateName().isEmpty()) {
            metadata.put("generateName", meta.getGenerateName());
        }
        if (!meta.getNamespace().isEmpty()) {
            metadata.put("namespace", meta.getNamespace());
        }
        if (!meta.getResourceVersion().isEmpty()) {
            metadata.put("resourceVersion", meta.getResourceVersion());
        }
        if (meta.getLabelsCount() > 0) {
            meta.getLabelsMap().forEach(metadata.putObject("labels")::put);
        }
        if (meta.getAnnotationsCount() > 0) {
            meta.getAnnotationsMap().forEach(metadata.putObject("annotations")::put);
        }
        return json;
    }
}
