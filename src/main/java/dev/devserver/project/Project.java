package dev.devserver.project;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated project: what {@code serverless.yml} (or a lone root Dockerfile) asks devserver to run.
 *
 * @param dir         absolute real project directory
 * @param file        the serverless.yml read, or null in APPLICATION mode
 * @param envs        provider env vars (legacy {@code environment} merged), in file order
 * @param secrets     provider secrets (legacy {@code env-secrets} merged)
 * @param annotations provider annotations
 * @param notes       non-fatal remarks worth showing the user, e.g. an ignored handler
 */
public record Project(Path dir, Path file, Mode mode, String service, String description, String namespace,
        String domain, String registry, Map<String, String> envs, List<String> secrets,
        Map<String, String> annotations, List<FunctionSpec> functions, List<String> notes) {

    public Project {
        envs = Immutable.map(envs);
        secrets = Immutable.list(secrets);
        annotations = Immutable.map(annotations);
        functions = Immutable.list(functions);
        notes = Immutable.list(notes);
    }

    /** The namespace kubectl uses when none is given: `devserver cluster` serves it from the start. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** `devserver cluster` in {@code dir}: no functions; namespaces and services are made through the Kubernetes API. */
    public static Project cluster(Path dir, String domain) {
        return new Project(dir, null, Mode.CLUSTER, dir.getFileName() == null ? "cluster" : dir.getFileName().toString(),
                null, DEFAULT_NAMESPACE, domain, null, Map.of(), List.of(), Map.of(), List.of(), List.of());
    }

    public Optional<FunctionSpec> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The function's env vars from serverless.yml: the provider's, then the function's, which win (in file order). */
    public Map<String, String> env(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>(envs);
        env.putAll(function.envs());
        return Immutable.map(env);
    }

    /** The secrets the function reads, as Knative's envFrom lists them: the provider's, then its own, each once. */
    public List<String> secrets(FunctionSpec function) {
        LinkedHashSet<String> names = new LinkedHashSet<>(secrets);
        names.addAll(function.secrets());
        return List.copyOf(names);
    }

    /** Every secret the project references, the provider's first, each once. */
    public List<String> referencedSecrets() {
        LinkedHashSet<String> names = new LinkedHashSet<>(secrets);
        functions.forEach(f -> names.addAll(f.secrets()));
        return List.copyOf(names);
    }

    /**
     * Everything that shapes the function's revision: the whole spec but its position in the file (moving a block is
     * no change), with what it inherits from the provider. Two equal configurations run the same container.
     */
    public RevisionConfiguration configuration(FunctionSpec function) {
        return new RevisionConfiguration(function.withLine(0), env(function), secrets(function));
    }

    /** See {@link #configuration}. */
    public record RevisionConfiguration(FunctionSpec function, Map<String, String> env, List<String> secrets) {
    }
}
