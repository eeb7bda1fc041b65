package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PruneResponse;
import com.github.dockerjava.api.model.PruneType;
import dev.devserver.DevserverException;
import dev.devserver.docker.Labels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes the images of revisions that no longer serve and cannot be rolled back to: of each function's images (one
 * repository per Knative service) the one tagged {@code latest} and the one before stay, or a reload names the ones to go;
 * an image a container still uses stays too (the engine refuses, and that refusal is the check). Removing a tag
 * whose image is the base of a code layer leaves the layers its children use.
 */
public final class ImageCleanup {
    private final DockerClient docker;

    public ImageCleanup(DockerClient docker) {
        this.docker = docker;
    }

    /** At {@code up} start and {@code down}: per function, the image tagged latest and the newest other one stay. */
    public List<String> keepLatestAndPrevious(Path projectDir) {
        List<String> removed = new ArrayList<>();
        byRepository(projectDir).forEach((repository, images) -> {
            Set<String> keep = new HashSet<>();
            images.stream().filter(i -> tags(i).anyMatch((repository + ":latest")::equals)).forEach(i -> keep.add(i.getId()));
            images.stream().filter(i -> !keep.contains(i.getId())).max(Comparator.comparing(Image::getCreated))
                    .ifPresent(i -> keep.add(i.getId()));
            removed.addAll(removeAllBut(images, keep));
        });
        return removed;
    }

    /**
     * After a reload: removes these tags (revisions that no longer serve and cannot be rolled back to) by name. No
     * listing: on an engine holding thousands of images a list takes seconds, and the engine makes the next edit's
     * commit wait for it.
     */
    public List<String> removeTags(Collection<String> tags) {
        List<String> removed = new ArrayList<>();
        for (String tag : tags) {
            try {
                docker.removeImageCmd(tag).withForce(false).exec();
                removed.add(tag);
            } catch (ConflictException | NotFoundException e) {
                // a container still uses it, or it went meanwhile: nothing to do
            }
        }
        return removed;
    }

    /** {@code devserver prune}: every image of the project no container uses, with the bytes the engine freed. */
    public Pruned pruneAll(Path projectDir) {
        int images = docker.listImagesCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT, projectDir.toString()))
                .exec().size();
        PruneResponse response;
        try {
            response = docker.pruneCmd(PruneType.IMAGES).withDangling(false)
                    .withLabelFilter(Labels.PROJECT + "=" + projectDir).exec();
        } catch (InternalServerErrorException e) {
            // Podman 4.3 adds dangling=true to its Docker-compatible prune and refuses ours (dangling=false).
            throw new DevserverException("The engine refused to prune (" + e.getMessage().replaceAll("\\s+", " ").strip()
                    + "). On Podman run: podman image prune -a -f --filter label=" + Labels.PROJECT + "=" + projectDir);
        }
        int left = docker.listImagesCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT, projectDir.toString()))
                .exec().size();
        return new Pruned(images - left, left, response.getSpaceReclaimed() == null ? 0 : response.getSpaceReclaimed());
    }

    /** What {@link #pruneAll} did: images removed, images left (in use), bytes freed. */
    public record Pruned(int removed, int inUse, long bytes) {
    }

    private List<String> removeAllBut(List<Image> images, Set<String> keep) {
        return removeTags(images.stream().filter(i -> !keep.contains(i.getId())).flatMap(ImageCleanup::tags).toList());
    }

    /** The project's tagged images by repository (the Knative service's name). */
    private Map<String, List<Image>> byRepository(Path projectDir) {
        Map<String, List<Image>> out = new LinkedHashMap<>();
        for (Image image : docker.listImagesCmd().withLabelFilter(Map.of(Labels.PROJECT, projectDir.toString())).exec()) {
            tags(image).map(t -> t.substring(0, t.lastIndexOf(':'))).distinct()
                    .forEach(repository -> out.computeIfAbsent(repository, r -> new ArrayList<>()).add(image));
        }
        return out;
    }

    private static Stream<String> tags(Image image) {
        return image.getRepoTags() == null ? Stream.empty()
                : Stream.of(image.getRepoTags()).filter(Objects::nonNull).filter(t -> !t.equals("<none>:<none>"));
    }
}
