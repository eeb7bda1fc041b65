package dev.devserver.render;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a value against the subset of OpenAPI v3 that Kubernetes structural schemas use: type, properties, required,
 * items, additionalProperties, enum, anyOf, x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields.
 * Written here because a JSON-Schema library would accept unknown fields, which the API server drops silently.
 */
final class OpenApiValidator {
    /** What the API server would reject. */
    final List<String> errors = new ArrayList<>();
    /**
     * Fields not in the schema that the API server keeps only because of x-kubernetes-preserve-unknown-fields: Knative
     * then passes them on unchecked, so for the objects devserver writes they are mistakes too.
     */
    final List<String> unknownButPreserved = new ArrayList<>();

    static OpenApiValidator validate(Map<String, Object> schema, Object value) {
        OpenApiValidator v = new OpenApiValidator();
        v.check("", schema, value);
        return v;
    }

    List<String> problems() {
        List<String> all = new ArrayList<>(errors);
        unknownButPreserved.forEach(p -> all.add(p + " (unknown field, kept only by x-kubernetes-preserve-unknown-fields)"));
        return all;
    }

    @SuppressWarnings("unchecked")
    private void check(String path, Map<String, Object> schema, Object value) {
        if (value == null) {
            errors.add(path + ": null");
            return;
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                errors.add(path + ": must be an integer or a string, not " + value);
            }
            return;
        }
        if (schema.get("anyOf") instanceof List<?> alternatives && !anyMatches(path, alternatives, value)) {
            errors.add(path + ": matches none of " + alternatives);
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            errors.add(path + ": " + value + " is not one of " + allowed);
        }
        String type = (String) schema.get("type");
        if (type != null && !hasType(type, value)) {
            errors.add(path + ": must be " + type + ", not " + value.getClass().getSimpleName() + " " + value);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            checkObject(path, schema, (Map<String, Object>) map);
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + i + "]", (Map<String, Object>) items, list.get(i));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkObject(String path, Map<String, Object> schema, Map<String, Object> object) {
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!object.containsKey(name)) {
                    errors.add(path + ": missing required field " + name);
                }
            }
        }
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        Object additional = schema.get("additionalProperties");
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        for (Map.Entry<String, Object> field : object.entrySet()) {
            String at = path + "." + field.getKey();
            if (properties.get(field.getKey()) instanceof Map<?, ?> fieldSchema) {
                check(at, (Map<String, Object>) fieldSchema, field.getValue());
            } else if (additional instanceof Map<?, ?> valueSchema) {
                check(at, (Map<String, Object>) valueSchema, field.getValue());
            } else if (Boolean.TRUE.equals(additional)) {
                continue;
            } else if (preserve) {
                unknownButPreserved.add(at);
            } else if (!properties.isEmpty() || schema.containsKey("additionalProperties")) {
                errors.add(at + ": unknown field (the API server would drop it)");
            }
            // A bare `type: object` (like top-level metadata) is checked by the API server's own ObjectMeta rules.
        }
    }

    @SuppressWarnings("unchecked")
    private boolean anyMatches(String path, List<?> alternatives, Object value) {
        for (Object alternative : alternatives) {
            OpenApiValidator probe = validate((Map<String, Object>) alternative, value);
            if (probe.errors.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> throw new IllegalArgumentException("schema type not handled by this validator: " + type);
        };
    }
}
