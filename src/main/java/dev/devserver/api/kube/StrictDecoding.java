package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decodes a request body into fabric8's model as kube-apiserver's strict field validation does: a field of the wrong
 * type fails, and so does a field the model does not know. fabric8's classes keep unknown fields in
 * {@code additionalProperties}; walking the decoded object for them finds each with its path.
 */
final class StrictDecoding {
    /** Why a body was refused; the message names fields, never their values (a secret's could be in it). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private StrictDecoding() {
    }

    static <T> T decode(JsonNode body, Class<T> type, boolean strict) throws Refused {
        T model;
        try {
            model = KubeJson.MAPPER.treeToValue(body, type);
        } catch (JsonMappingException e) {
            throw new Refused("json: cannot unmarshal the value of field \"" + path(e) + "\": wrong type for " + type.getSimpleName());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Refused("the body cannot be decoded as a " + type.getSimpleName());
        }
        if (strict) {
            List<String> unknown = new ArrayList<>();
            walk(model, "", unknown);
            if (!unknown.isEmpty()) {
                throw new Refused("strict decoding error: " + String.join(", ",
                        unknown.stream().map(f -> "unknown field \"" + f + "\"").toList()));
            }
        }
        return model;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + k));
                }
                continue;
            }
            if (value instanceof Map<?, ?> && !(value instanceof Map<?, ?> m && m.values().stream().anyMatch(v ->
                    v != null && v.getClass().getName().startsWith("io.fabric8.")))) {
                continue; // labels, annotations, data: string maps, any key is allowed
            }
            walk(value, path + "." + field(getter.getName()), unknown);
        }
    }

    private static String field(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }
}
