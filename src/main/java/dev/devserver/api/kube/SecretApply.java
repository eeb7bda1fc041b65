package dev.devserver.api.kube;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;

import io.fabric8.kubernetes.api.model.FieldsV1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Server-side apply of a Secret over the one stored, with field ownership of its keys as kube-apiserver keeps it in
 * {@code managedFields}: the applied keys are set; keys this field manager applied before and leaves out now are
 * removed; keys others wrote stay. Labels and annotations merge.
 */
final class SecretApply {
    private SecretApply() {
    }

    /** @param merged the stored secret, changed in place and returned */
    static Secret merge(Secret merged, Secret applied, Map<String, String> appliedData, String manager) {
        Map<String, String> data = new TreeMap<>(merged.getData() == null ? Map.of() : merged.getData());
        owned(merged, manager).stream().filter(k -> !appliedData.containsKey(k)).forEach(data::remove);
        data.putAll(appliedData);
        merged.setData(data);
        merged.getMetadata().setLabels(union(merged.getMetadata().getLabels(), applied.getMetadata().getLabels()));
        merged.getMetadata().setAnnotations(union(merged.getMetadata().getAnnotations(), applied.getMetadata().getAnnotations()));
        if (applied.getType() != null) {
            merged.setType(applied.getType());
        }
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        if (merged.getMetadata().getManagedFields() != null) {
            merged.getMetadata().getManagedFields().stream().filter(e -> !manager.equals(e.getManager())).forEach(entries::add);
        }
        entries.add(managed(manager, appliedData.keySet()));
        merged.getMetadata().setManagedFields(entries);
        return merged;
    }

    private static Set<String> owned(Secret secret, String manager) {
        Set<String> keys = new HashSet<>();
        if (secret.getMetadata().getManagedFields() == null) {
            return keys;
        }
        for (ManagedFieldsEntry e : secret.getMetadata().getManagedFields()) {
            if (manager.equals(e.getManager()) && "Apply".equals(e.getOperation()) && e.getFieldsV1() != null) {
                Object data = e.getFieldsV1().getAdditionalProperties().get("f:data");
                if (data instanceof Map<?, ?> fields) {
                    fields.keySet().forEach(k -> keys.add(String.valueOf(k).substring(2)));
                }
            }
        }
        return keys;
    }

    static ManagedFieldsEntry managed(String manager, Set<String> keys) {
        Map<String, Object> data = new LinkedHashMap<>();
        keys.forEach(k -> data.put("f:" + k, Map.of()));
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty("f:data", data);
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Apply").withApiVersion("v1")
                .withTime(KnativeObjects.timestamp(Instant.now())).withFieldsType("FieldsV1").withFieldsV1(fields).build();
    }

    private static Map<String, String> union(Map<String, String> base, Map<String, String> added) {
        Map<String, String> out = new LinkedHashMap<>(base == null ? Map.of() : base);
        if (added != null) {
            out.putAll(added);
        }
        return out.isEmpty() ? null : out;
    }
}
