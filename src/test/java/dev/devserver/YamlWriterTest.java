package dev.devserver;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

class YamlWriterTest {
    /** Like a manifest: shared labels (an alias for Yaml unless dereferenced), nesting, lists, multi-line text. */
    private static Map<String, Object> manifest() {
        Map<String, Object> labels = Map.of("app", "hello");
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("image", "registry.local/hello:1");
        container.put("env", List.of(Map.of("name", "GREETING", "value", "hi: there\nsecond line"), Map.of("name", "N", "value", "42")));
        container.put("ports", List.of(Map.of("containerPort", 8080)));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "serving.knative.dev/v1");
        object.put("metadata", Map.of("name", "hello", "labels", labels));
        object.put("spec", Map.of("template", Map.of("metadata", Map.of("labels", labels), "spec",
                Map.of("containers", List.of(container), "empty", List.of(), "none", new LinkedHashMap<>()))));
        object.put("enabled", true);
        object.put("nothing", null);
        return object;
    }

    private static DumperOptions block(int indicatorIndent, boolean withIndicator, boolean dereference) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(indicatorIndent);
        options.setIndentWithIndicator(withIndicator);
        options.setDereferenceAliases(dereference);
        options.setWidth(Integer.MAX_VALUE);
        return options;
    }

    @Test
    void writesWhatYamlDumpWritesInEveryStyleDevserverUses() {
        // a fresh DumperOptions for each writer: its anchor generator counts across dumps
        List<Supplier<DumperOptions>> styles = List.of(() -> block(0, false, false), () -> block(2, true, true), DumperOptions::new);
        for (Supplier<DumperOptions> style : styles) {
            assertEquals(new Yaml(style.get()).dump(manifest()), YamlWriter.dump(manifest(), style.get()));
        }
    }
}
