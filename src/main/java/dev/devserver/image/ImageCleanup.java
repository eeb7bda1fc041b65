package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PruneResponse;
import com.github.dockerjava.api.model.PruneType;
import dev.devserver.docker.EngineApi;
import dev.devserver.docker.EngineKind;
import dev.devserver.docker.Labels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
    private final EngineApi api;

    public ImageCleanup(DockerClient docker) {
        this.docker = docker;
        this.api = new EngineApi(docker);
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

    /**
     * {@code devserver prune}: every image of the project no container uses (tagged ones, the code layers' bases and
     * the builds' intermediate images), with the bytes the engine freed. Docker's prune says what it freed. Podman 4.3's
     * compatible prune takes only dangling images (it adds dangling=true, and refuses ours), so there Podman's own
     * prune runs ({@code all}, the same label filter); it reports each image's whole size, shared layers included, so
     * what it freed is counted here: the layers of the removed images that no image left on the engine has.
     */
    public Pruned pruneAll(Path projectDir) {
        int images = projectImages(projectDir).size();
        long freed;
        if (EngineKind.of(docker).podman()) {
            Map<String, Long> layers = new HashMap<>();
            projectImages(projectDir).forEach(image -> layers.putAll(layerSizes(image.getId())));
            api.post("/v4.0.0/libpod/images/prune", Map.of("all", "true",
                    "filters", EngineApi.json(Map.of("label", List.of(Labels.PROJECT + "=" + projectDir)))), null);
            for (Image left : docker.listImagesCmd().withShowAll(true).exec()) {
                try {
                    layers.keySet().removeAll(chains(docker.inspectImageCmd(left.getId()).exec()));
                } catch (NotFoundException goneMeanwhile) {
                    // removed by someone else since the list: it keeps nothing
                }
            }
            freed = layers.values().stream().mapToLong(Long::longValue).sum();
        } else {
            PruneResponse response = docker.pruneCmd(PruneType.IMAGES).withDangling(false)
                    .withLabelFilter(Labels.PROJECT + "=" + projectDir).exec();
            freed = response.getSpaceReclaimed() == null ? 0 : response.getSpaceReclaimed();
        }
        int left = projectImages(projectDir).size();
        return new Pruned(images - left, left, freed);
    }

    private List<Image> projectImages(Path projectDir) {
        return docker.listImagesCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT, projectDir.toString())).exec();
    }

    /**
     * The image's layers, each named by its chain (the diff ids from the bottom up to it, as engines share layers),
     * with its size from the image's history: one entry with a size per layer, newest first.
     */
    private Map<String, Long> layerSizes(String image) {
        List<String> chains;
        try {
            chains = chains(docker.inspectImageCmd(image).exec());
        } catch (NotFoundException goneMeanwhile) {
            return Map.of();
        }
        List<Long> sizes = new ArrayList<>();
        api.get("/v1.41/images/" + image + "/history", Map.of())
                .forEach(entry -> sizes.add(0, entry.path("Size").asLong()));
        sizes.removeIf(size -> size == 0); // steps that made no layer (ENV, LABEL, CMD...)
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < chains.size() && i < sizes.size(); i++) {
            out.put(chains.get(i), sizes.get(i));
        }
        return out;
    }

    static List<String> chains(InspectImageResponse image) {
        List<String> layers = image.getRootFS() == null || image.getRootFS().getLayers() == null ? List.of()
                : image.getRootFS().getLayers();
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            chains.add(String.join(",", layers.subList(0, i + 1)));
        }
        return chains;
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
