package dev.devserver.project;

import java.nio.file.Path;
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

    public Optional<FunctionSpec> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
