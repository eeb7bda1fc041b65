package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import dev.devserver.docker.Labels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A code layer made without a build: the changed files are copied into a container of the base image that never
 * starts, and the container is committed. That is what the template's last {@code COPY function/ <dest>} does (the
 * same tar, files owned by root, missing folders made 0755), without the builder's per-step containers: a
 * few hundred milliseconds less between saving and serving. The commit keeps the base's configuration (command, env,
 * user, labels) and sets the layer count; an engine whose commit does not (checked on the first result) gets the
 * build. Once the engine has shown that, later layers commit in the background ({@link #commitLater}): the revision's
 * container starts from the base with the same layer meanwhile.
 */
final class LayerCommit {
    /** Layers up to this size are kept in memory for the revision's container; bigger ones commit first. */
    private static final long MAX_PENDING_BYTES = 8L << 20;
    private final DockerClient docker;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "layer-commit");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean engineKeepsLabels = true;
    private volatile boolean engineChecked;

    LayerCommit(DockerClient docker) {
        this.docker = docker;
    }

    /** @return the image id tagged {@code repository:tag} and {@code repository:latest}, or empty when only a build will do */
    Optional<String> commit(CodeLayer.Plan plan, InspectImageResponse base, String repository, String tag) throws IOException {
        if (!engineKeepsLabels) {
            return Optional.empty();
        }
        Map<String, String> baseLabels = base.getConfig().getLabels() == null ? Map.of() : base.getConfig().getLabels();
        Path tar = Files.createTempFile("devserver-layer-", ".tar");
        String container = null;
        try {
            try (OutputStream out = Files.newOutputStream(tar)) {
                BuildContextTar.write(plan.codeFiles(), out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                container = helper(plan, base, in);
            }
            String id = docker.commitCmd(container).withRepository(repository).withTag(tag).withPause(false)
                    .withLabels(Map.of(CodeLayer.LAYERS_LABEL, Integer.toString(plan.layers()))).exec();
            Map<String, String> labels = docker.inspectImageCmd(id).exec().getConfig().getLabels();
            if (labels == null || !String.valueOf(plan.layers()).equals(labels.get(CodeLayer.LAYERS_LABEL))
                    || !labels.entrySet().containsAll(baseLabels.entrySet().stream()
                            .filter(e -> !e.getKey().equals(CodeLayer.LAYERS_LABEL)).toList())) {
                engineKeepsLabels = false;
                docker.removeImageCmd(repository + ":" + tag).withForce(true).exec();
                return Optional.empty();
            }
            engineChecked = true;
            docker.tagImageCmd(id, repository, "latest").exec();
            return Optional.of(id);
        } catch (DockerException e) { // no such folder in the base, engine refused: the build says it properly
            return Optional.empty();
        } finally {
            Files.deleteIfExists(tar);
            remove(container);
        }
    }

    /**
     * The same layer, committed in the background: returns as soon as the layer's tar is made, with the commit's
     * outcome to come (the never-started container of the base, its files, the commit; a failure there runs
     * {@code failed}, then fails the image). Empty before the engine has shown it keeps the configuration, or for a
     * layer too big to hold in memory.
     */
    Optional<PendingImage> commitLater(CodeLayer.Plan plan, InspectImageResponse base, String repository, String tag,
                                       Runnable failed) throws IOException {
        if (!commitsLater() || plan.codeFiles().stream().mapToLong(ContextEntry::length).sum() > MAX_PENDING_BYTES) {
            return Optional.empty();
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        BuildContextTar.write(plan.codeFiles(), tar);
        byte[] layer = tar.toByteArray();
        Map<String, String> label = Map.of(CodeLayer.LAYERS_LABEL, Integer.toString(plan.layers()));
        CompletableFuture<String> committed = CompletableFuture.supplyAsync(() -> {
            String container = null;
            try {
                container = helper(plan, base, new ByteArrayInputStream(layer));
                String id = docker.commitCmd(container).withRepository(repository).withTag(tag).withPause(false)
                        .withLabels(label).exec();
                docker.tagImageCmd(id, repository, "latest").exec();
                return id;
            } catch (RuntimeException e) {
                failed.run(); // before the image's failure is seen
                throw e;
            } finally {
                remove(container);
            }
        }, background);
        return Optional.of(new PendingImage(plan.baseImageId(), destination(plan, base), label, layer, committed));
    }

    /** Whether code layers commit in the background ({@link #commitLater}): once this engine's commit was checked. */
    boolean commitsLater() {
        return engineChecked;
    }

    /** A never-started container of the base holding the layer's files at the COPY's destination. */
    private String helper(CodeLayer.Plan plan, InspectImageResponse base, InputStream tar) {
        Map<String, String> baseLabels = base.getConfig().getLabels() == null ? Map.of() : base.getConfig().getLabels();
        String project = baseLabels.get(Labels.PROJECT); // the same value the image has: nothing new merges into it
        String container = docker.createContainerCmd(plan.baseImageId())
                .withLabels(project == null ? Map.of() : Map.of(Labels.PROJECT, project)).exec().getId();
        try {
            docker.copyArchiveToContainerCmd(container).withRemotePath(destination(plan, base)).withTarInputStream(tar).exec();
            return container;
        } catch (RuntimeException e) {
            remove(container);
            throw e;
        }
    }

    private void remove(String container) {
        if (container != null) {
            try {
                docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
            } catch (DockerException e) {
                // gone already
            }
        }
    }

    /** The COPY's destination: relative ones start at the base's working directory, as in the Dockerfile. */
    private static String destination(CodeLayer.Plan plan, InspectImageResponse base) {
        String dest = plan.destination();
        if (dest.startsWith("/")) {
            return dest;
        }
        String workdir = base.getConfig().getWorkingDir();
        return Path.of(workdir == null || workdir.isEmpty() ? "/" : workdir).resolve(dest).normalize().toString();
    }
}
