package dev.devserver.serving;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A container's environment, as Kubernetes composes it for a Knative revision (lowest precedence first):
 * keys of provider secrets, keys of function secrets (envFrom, in order), provider envs, function envs (env wins
 * over envFrom), then Knative's runtime contract: PORT, K_SERVICE, K_CONFIGURATION, K_REVISION, which nothing overrides.
 */
public final class Environment {
    private Environment() {
    }

    /** @param secrets a secret's keys and values by name, or null when that secret does not exist (optional: true) */
    public static Map<String, String> of(Project project, FunctionSpec function, String revision,
                                         Function<String, Map<String, String>> secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : project.secrets(function)) {
            Map<String, String> values = secrets.apply(name);
            if (values != null) {
                env.putAll(values);
            }
        }
        env.putAll(project.env(function));
        env.put("PORT", String.valueOf(Containers.CONTAINER_PORT));
        env.put("K_SERVICE", function.knativeService());
        env.put("K_CONFIGURATION", function.knativeService());
        env.put("K_REVISION", revision);
        return env;
    }

    static List<String> asDockerEnv(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
