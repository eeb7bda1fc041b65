package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The current objects of one resource type, as JSON: computed from serving's views or read from a store. */
@FunctionalInterface
interface ObjectSource {
    /** @param namespace null for every namespace (kubectl's -A) */
    List<ObjectNode> list(String namespace);
}
