package dev.devserver.api.kube;

import dev.devserver.RunningUp;
import dev.devserver.YamlWriter;
import org.yaml.snakeyaml.DumperOptions;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig for the project's running `up`: cluster, context and user all named after the namespace, the
 * namespace as the context's default, the API's HTTPS address trusting the local CA, and the project's bearer token.
 * <p>
 * Written as plain maps in the order fabric8's {@code Config} model serialises (KubeconfigTest holds the two equal):
 * `devserver kubeconfig` ends in a fraction of a second, and converting the model through Jackson's ObjectMapper
 * was a third of its time.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** @param caPem the local CA's certificate (PEM) */
    public static String yaml(RunningUp up, ApiToken token, byte[] caPem) {
        String name = up.namespace();
        String host = up.connectHost().contains(":") ? "[" + up.connectHost() + "]" : up.connectHost();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(named("cluster", map("certificate-authority-data",
                Base64.getEncoder().encodeToString(caPem), "server", "https://" + host + ":" + up.apiPort()), name)));
        config.put("contexts", List.of(named("context", map("cluster", name, "namespace", name, "user", name), name)));
        if (name != null) {
            config.put("current-context", name);
        }
        Map<String, Object> user = map("name", name); // a user's name comes first, unlike a cluster's and a context's
        user.put("user", map("token", token.value()));
        config.put("users", List.of(user));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        return YamlWriter.dump(config, options);
    }

    private static Map<String, Object> named(String key, Object value, String name) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(key, value);
        if (name != null) {
            entry.put("name", name);
        }
        return entry;
    }

    private static Map<String, Object> map(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) { // as the model's NON_NULL inclusion leaves a null out
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
