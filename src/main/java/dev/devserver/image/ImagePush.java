package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.devserver.DevserverException;

/**
 * Pushes a built image to a registry under another name ({@code registry/name:tag}), for a cluster that cannot see
 * this machine's engine. The engine authenticates with what `docker login` stored for that registry.
 */
public final class ImagePush {
    private final DockerClient docker;

    public ImagePush(DockerClient docker) {
        this.docker = docker;
    }

    /** Tags {@code built} as {@code target} and pushes it; a refusal names the registry and what to check. */
    public void push(String built, String target) {
        int colon = target.lastIndexOf(':');
        boolean tagged = colon > target.lastIndexOf('/');
        String repository = tagged ? target.substring(0, colon) : target;
        String tag = tagged ? target.substring(colon + 1) : "latest";
        try {
            docker.tagImageCmd(built, repository, tag).exec();
            docker.pushImageCmd(repository).withTag(tag).exec(new ResultCallback.Adapter<PushResponseItem>())
                    .awaitCompletion();
        } catch (RuntimeException e) { // docker-java's DockerException and the push's errorDetail
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new DevserverException("Cannot push " + target + " (" + why + "): check that the registry is reachable"
                    + " from this machine and that `docker login " + repository.split("/")[0] + "` was run.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevserverException("Interrupted while pushing " + target + ".");
        }
    }
}
