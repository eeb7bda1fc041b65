package dev.devserver.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One function of a project, validated.
 *
 * @param name           the key under {@code functions:}
 * @param knativeService {@code <service>-<name>} (the project name alone in APPLICATION mode)
 * @param handler        null when absent or ignored (OpenFaaS classic runtimes)
 * @param source         absolute real directory inside the project
 * @param runtime        a known alias, a URL, or an absolute real path of a local custom runtime; null = Dockerfile in source
 * @param envs           function-level env vars only (legacy {@code environment} merged), in file order
 * @param secrets        function-level secrets only (legacy {@code env-secrets} merged)
 * @param annotations    provider annotations merged with the function's, the function winning
 * @param labels         function labels
 * @param concurrency    Knative containerConcurrency; null when not set
 * @param line           line of the function's key in serverless.yml, 0 in APPLICATION mode
 */
public record FunctionSpec(String name, String knativeService, String handler, Path source, String runtime,
        String description, Map<String, String> envs, List<String> secrets, Map<String, String> annotations,
        Map<String, String> labels, Integer concurrency, int line) {

    public FunctionSpec {
        envs = Immutable.map(envs);
        secrets = Immutable.list(secrets);
        annotations = Immutable.map(annotations);
        labels = Immutable.map(labels);
    }

    public FunctionSpec withLine(int newLine) {
        return new FunctionSpec(name, knativeService, handler, source, runtime, description, envs, secrets, annotations,
                labels, concurrency, newLine);
    }

    /**
     * Knative speaks HTTP/2 cleartext to a container whose port is named {@code h2c} (gRPC); serverless.yml has no
     * ports, so a function says it with this annotation: {@code devserver.dev/port-name: h2c}.
     */
    public static final String PORT_NAME_ANNOTATION = "devserver.dev/port-name";

    /** The container port is named h2c (see {@link #PORT_NAME_ANNOTATION}). */
    public boolean h2c() {
        return "h2c".equals(annotations.get(PORT_NAME_ANNOTATION));
    }

    /** The image repository name; gitlabktl names function images after the Knative service. */
    public String imageName() {
        return knativeService;
    }

    /** Knative's default domain template {@code {{.Name}}.{{.Namespace}}.{{.Domain}}}. */
    public String host(Project p) {
        return knativeService + "." + p.namespace() + "." + p.domain();
    }

    public String url(Project p, int port) {
        return "http://" + host(p) + (port == 80 ? "" : ":" + port);
    }
}
