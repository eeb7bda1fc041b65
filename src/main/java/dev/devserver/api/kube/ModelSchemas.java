package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Map;

/**
 * OpenAPI v3 component schemas derived from fabric8's model classes (generated from Kubernetes' and Knative's Go
 * types, and versioned with them): each class becomes an object schema whose properties are the JSON properties
 * Jackson sees, with their types and the descriptions fabric8's sources give ({@link ModelDocs}); nested model
 * classes become {@code $ref}s.
 */
final class ModelSchemas {
    private final ObjectNode components = KubeJson.MAPPER.createObjectNode();
    private final ModelDocs docs;

    ModelSchemas(ModelDocs docs) {
        this.docs = docs;
    }

    ObjectNode components() {
        return components;
    }

    /** Adds the class (and everything it refers to); returns its component name. */
    String add(Class<?> model) {
        return define(KubeJson.MAPPER.constructType(model));
    }

    static String name(Class<?> type) {
        String n = type.getName();
        if (n.startsWith("io.fabric8.kubernetes.api.model.")) {
            String simple = n.substring("io.fabric8.kubernetes.api.model.".length());
            return simple.contains(".") ? "io.k8s." + simple : meta(simple) ? "io.k8s.apimachinery.pkg.apis.meta.v1." + simple
                    : "io.k8s.api.core.v1." + simple;
        }
        if (n.startsWith("io.fabric8.knative.")) {
            return "dev.knative." + n.substring("io.fabric8.knative.".length());
        }
        return n;
    }

    private static boolean meta(String simple) {
        return simple.equals("ObjectMeta") || simple.equals("ListMeta") || simple.equals("OwnerReference")
                || simple.equals("ManagedFieldsEntry") || simple.equals("FieldsV1") || simple.equals("Status")
                || simple.equals("LabelSelector") || simple.equals("LabelSelectorRequirement");
    }

    private String define(JavaType type) {
        String name = name(type.getRawClass());
        if (components.has(name)) {
            return name;
        }
        ObjectNode schema = components.putObject(name);
        ModelDocs.Doc doc = docs.of(type.getRawClass());
        if (doc.type() != null) {
            schema.put("description", doc.type());
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        BeanDescription bean = KubeJson.MAPPER.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (p.getPrimaryType() == null || p.getName().equals("additionalProperties")) {
                continue;
            }
            ObjectNode property = schema(p.getPrimaryType());
            String description = doc.properties().get(p.getName());
            if (description != null && !property.has("$ref")) { // beside a $ref, OpenAPI 3.0 ignores it: kubectl shows the type's
                property.put("description", description);
            }
            properties.set(p.getName(), property);
        }
        return name;
    }

    private ObjectNode schema(JavaType type) {
        ObjectNode s = KubeJson.MAPPER.createObjectNode();
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            s.put("type", "string");
        } else if (raw == Integer.class || raw == int.class) {
            s.put("type", "integer").put("format", "int32");
        } else if (raw == Long.class || raw == long.class) {
            s.put("type", "integer").put("format", "int64");
        } else if (raw == Boolean.class || raw == boolean.class) {
            s.put("type", "boolean");
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            s.put("type", "number").put("format", "double");
        } else if (raw.getSimpleName().equals("IntOrString")) {
            s.put("x-kubernetes-int-or-string", true);
        } else if (raw.getSimpleName().equals("Quantity")) {
            s.put("type", "string");
        } else if (Collection.class.isAssignableFrom(raw)) {
            s.put("type", "array").set("items", schema(type.getContentType()));
        } else if (Map.class.isAssignableFrom(raw)) {
            s.put("type", "object").set("additionalProperties", schema(type.getContentType()));
        } else if (raw.getName().startsWith("io.fabric8.") && !raw.getSimpleName().equals("AnyType")
                && !raw.getSimpleName().equals("RawExtension")) {
            s.put("$ref", "#/components/schemas/" + define(type));
        } else {
            s.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        }
        return s;
    }
}
