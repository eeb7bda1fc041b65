package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;

import java.util.Iterator;
import java.util.Map;

/**
 * The PATCH types kubectl sends: JSON Patch (RFC 6902, applied by fabric8's zjsonpatch), JSON merge patch (RFC 7396;
 * kubectl apply's patch for custom resources) and strategic merge patch (kubectl apply's for built-in kinds). For the
 * kinds devserver writes (Secret) a strategic merge is a merge patch: their only lists that merge by key are
 * metadata's, and the directives kubectl adds for lists ({@code $setElementOrder/…}, {@code $retainKeys}) only order
 * or restate what the patch already says, so they are dropped.
 */
final class Patches {
    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE = "application/merge-patch+json";
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String APPLY = "application/apply-patch+yaml";

    private Patches() {
    }

    /** @throws IllegalArgumentException for a patch that does not apply, with a message for a 422/400 */
    static JsonNode apply(String contentType, JsonNode target, JsonNode patch) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        switch (type) {
            case JSON_PATCH -> {
                try {
                    return JsonPatch.apply(patch, target);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("the JSON patch does not apply: " + e.getMessage());
                }
            }
            case MERGE -> {
                return merge(target, patch);
            }
            case STRATEGIC -> {
                return merge(target, withoutDirectives(patch));
            }
            default -> throw new IllegalArgumentException("unsupported patch type " + contentType);
        }
    }

    /** RFC 7396 section 2: objects merge member by member, null removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : KubeJson.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    private static JsonNode withoutDirectives(JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode copy = KubeJson.MAPPER.createObjectNode();
        patch.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("$setElementOrder/") && !e.getKey().equals("$retainKeys")) {
                copy.set(e.getKey(), withoutDirectives(e.getValue()));
            }
        });
        return copy;
    }
}
