package dev.devserver.api.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.YamlWriter;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** One Jackson mapper for fabric8's model objects, and the YAML that kubeconfigs and server-side apply use. */
public final class KubeJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private KubeJson() {
    }

    public static ObjectNode tree(Object model) {
        return MAPPER.valueToTree(model);
    }

    public static <T> T model(JsonNode tree, Class<T> type) {
        return MAPPER.convertValue(tree, type);
    }

    public static String yaml(Object model) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        return YamlWriter.dump(MAPPER.convertValue(model, Map.class), options);
    }

    /** A YAML (or JSON) document as a tree; SafeConstructor: no arbitrary types from a request body. */
    static JsonNode readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        Object document = new Yaml(new SafeConstructor(options)).load(text);
        return MAPPER.valueToTree(document);
    }

    /**
     * A resourceVersion for an object devserver computes rather than stores: a digest of its content, so it changes
     * exactly when the object does (clients treat resourceVersions as opaque; the decimal form matches real servers').
     */
    static String contentVersion(JsonNode object) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(object.toString().getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 7; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return Long.toString(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
