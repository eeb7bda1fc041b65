package dev.devserver.secrets;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets serverless.yml references that the store lacks. Functions start without them (Knative's optional: true), so
 * `up` names each one, the functions that miss it, and the command that creates it.
 */
public final class MissingSecrets {
    private MissingSecrets() {
    }

    /** One line per missing secret, in order of first reference. */
    public static List<String> describe(Project project, SecretStore store) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (FunctionSpec f : project.functions()) {
            for (String name : project.secrets(f)) {
                List<String> functions = users.computeIfAbsent(name, n -> new ArrayList<>());
                if (!functions.contains(f.name())) {
                    functions.add(f.name());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        users.forEach((name, functions) -> {
            if (store.lookup().apply(name) == null) {
                lines.add("secret \"" + name + "\" does not exist in namespace " + store.namespace() + " (used by "
                        + String.join(", ", functions) + "): they start without its keys. Create it with `devserver secret create "
                        + name + namespaceOption(project, store.namespace()) + " --from-literal KEY=VALUE`");
            }
        });
        return lines;
    }

    /** The secret CLI finds the project's own namespace by itself (as `up` does); any other one is named. */
    private static String namespaceOption(Project project, String namespace) {
        return namespace.equals(ProjectLoader.localNamespace(project.dir())) ? "" : " --namespace " + namespace;
    }
}
