package dev.devserver.render;

import dev.devserver.YamlWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;

/** Prints manifests the way {@code kubectl} users expect: block style, one document per object, {@code ---} between. */
public final class ManifestYaml {
    private ManifestYaml() {
    }

    public static String documents(List<Manifest> manifests) {
        return manifests.stream().map(ManifestYaml::document).collect(Collectors.joining("---\n"));
    }

    public static String document(Manifest manifest) {
        return YamlWriter.dump(manifest.object(), options());
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        // Labels are shared by the Service and its template: write them twice rather than as a YAML anchor/alias.
        options.setDereferenceAliases(true);
        return options;
    }
}
