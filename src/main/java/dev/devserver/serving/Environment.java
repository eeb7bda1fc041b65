package dev.devserver.serving;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A function container's environment, as Kubernetes composes it for a Knative revision (lowest precedence first):
 * keys of provider secrets, keys of function secrets (envFrom, in order), provider envs, function envs (env wins
 * over envFrom). Knative's runtime contract (PORT, K_SERVICE, K_CONFIGURATION, K_REVISION) goes on top of it in
 * {@link RevisionSpec#containerEnv}, and nothing overrides that.
 */
public final class Environment {
    private Environment() {
    }

    /** @param secrets a secret's keys and values by name, or null when that secret does not exist (optional: true) */
    public static Map<String, String> of(Project project, FunctionSpec function, Function<String, Map<String, String>> secrets) {
        Map<String, String> env = fromSecrets(project.secrets(function), secrets);
        env.putAll(project.env(function));
        return env;
    }

    /** The keys of each existing secret, in order (later ones win), as Kubernetes reads envFrom secretRefs. */
    public static Map<String, String> fromSecrets(List<String> names, Function<String, Map<String, String>> secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, String> values = secrets.apply(name);
            if (values != null) {
                env.putAll(values);
            }
        }
        return env;
    }

    static List<String> asDockerEnv(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
