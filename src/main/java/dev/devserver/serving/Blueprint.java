package dev.devserver.serving;

import dev.devserver.docker.Labels;
import dev.devserver.image.LayerBase;
import dev.devserver.image.PendingImage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a revision's container is created with (the network aside, the session's): two equal blueprints make
 * the same container. That is how a container created ahead of an edit is known to be exactly the one the edit's
 * revision would create ({@link AheadContainers}).
 *
 * @param revision  the revision's name (the container's name starts with it)
 * @param image     the image, or the pending layer's base (the layer is copied in before the container starts)
 * @param env       the environment, sorted (its keys are unique, so the order means nothing to the container)
 * @param debugPort the debugger's container port under `up --debug`, else null
 */
record Blueprint(String revision, String image, List<String> env, Map<String, String> labels, List<String> command,
                 List<String> args, int port, Integer debugPort) {
    Blueprint {
        env = env.stream().sorted().toList();
        labels = Map.copyOf(labels);
    }

    /** The container of {@code revision}: of its image, or of a pending {@code layer}'s base with the layer's labels. */
    static Blueprint of(String project, Revision revision, PendingImage layer) {
        Map<String, String> labels = labels(project, revision.function, revision.knativeService, revision.name);
        if (layer != null) {
            labels.putAll(layer.labels()); // what the image adds over its base
        }
        return new Blueprint(revision.name, layer == null ? revision.spec.image() : layer.baseImageId(), revision.env,
                labels, revision.spec.command(), revision.spec.args(), revision.spec.port(),
                revision.debugger == null ? null : revision.debugger.containerPort());
    }

    /**
     * The container of the revision that would follow {@code live}, named {@code next}, after a code edit whose layer
     * goes on {@code base}: the same configuration (Rollout adds only the runtime contract's names to it).
     */
    static Blueprint next(String project, Revision live, String next, LayerBase base) {
        Map<String, String> labels = labels(project, live.function, live.knativeService, next);
        labels.putAll(base.labels());
        return new Blueprint(next, base.imageId(), Environment.asDockerEnv(live.spec.containerEnv(next)), labels,
                live.spec.command(), live.spec.args(), live.spec.port(), null);
    }

    /** The labels that find a container again: its project (the folder), function and Knative names. */
    private static Map<String, String> labels(String project, String function, String knativeService, String revision) {
        return new HashMap<>(Map.of(Labels.PROJECT, project,
                Labels.FUNCTION, function,
                Labels.KNATIVE_SERVICE, knativeService,
                Labels.KNATIVE_CONFIGURATION, knativeService,
                Labels.KNATIVE_REVISION, revision));
    }
}
