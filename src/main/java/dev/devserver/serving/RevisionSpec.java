package dev.devserver.serving;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one revision runs, whoever asked for it: a serverless.yml function built into an image, or a Knative Service's
 * template applied through the Kubernetes API (image given). Serving names the revision and adds the runtime contract.
 *
 * @param function      the name logs and metrics use: the serverless.yml key, or the Knative Service's name
 * @param env           the container's own environment (envFrom then env), without PORT and K_*, which serving adds
 * @param command       the container's entrypoint (Kubernetes' command), null for the image's
 * @param args          the container's arguments (Kubernetes' args), null for the image's (or none when command is set)
 * @param port          the port the container listens on (its containerPort; PORT tells it)
 * @param h2c           the port is named h2c: the container speaks HTTP/2 cleartext
 * @param concurrency   containerConcurrency, null or 0 for unlimited
 * @param timeout       the revision's timeoutSeconds, null for `up`'s --revision-timeout
 * @param annotations   the template's annotations (autoscaling.knative.dev/…)
 */
public record RevisionSpec(String function, String knativeService, String image, Map<String, String> env,
                           List<String> command, List<String> args, int port, boolean h2c, Integer concurrency,
                           Duration timeout, Map<String, String> annotations) {
    public static final int DEFAULT_PORT = 8080;

    public RevisionSpec {
        env = Map.copyOf(env);
        annotations = Map.copyOf(annotations);
        command = command == null ? null : List.copyOf(command);
        args = args == null ? null : List.copyOf(args);
    }

    /** A serverless.yml function's revision: its built image, the environment Kubernetes would compose for it. */
    public static RevisionSpec of(Project project, FunctionSpec function, String image,
                                  Function<String, Map<String, String>> secrets) {
        return new RevisionSpec(function.name(), function.knativeService(), image,
                Environment.of(project, function, secrets), null, null, DEFAULT_PORT, function.h2c(), function.concurrency(), null,
                function.annotations());
    }

    /** The same revision run by {@code newCommand} (the image's arguments dropped, as Kubernetes' command does). */
    RevisionSpec withCommand(List<String> newCommand) {
        return new RevisionSpec(function, knativeService, image, env, newCommand, null, port, h2c, concurrency, timeout,
                annotations);
    }

    /** The same spec under serving's name for it (a service outside the project's namespace: {@code <name>.<ns>}). */
    RevisionSpec named(String newFunction) {
        return new RevisionSpec(newFunction, knativeService, image, env, command, args, port, h2c, concurrency, timeout,
                annotations);
    }

    /** This spec's environment with Knative's runtime contract on top (nothing overrides it). */
    Map<String, String> containerEnv(String revision) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("PORT", String.valueOf(port));
        all.put("K_SERVICE", knativeService);
        all.put("K_CONFIGURATION", knativeService);
        all.put("K_REVISION", revision);
        return all;
    }
}
