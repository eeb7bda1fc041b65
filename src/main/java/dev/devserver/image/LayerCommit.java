package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import dev.devserver.docker.EngineApi;
import dev.devserver.docker.EngineKind;
import dev.devserver.docker.Labels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A code layer made without a build: the changed files are copied into a container of the base image that never
 * starts, and the container is committed. That is what the template's last {@code COPY function/ <dest>} does (the
 * same tar, files owned by root, missing folders made 0755), without the builder's per-step containers: a
 * few hundred milliseconds less between saving and serving. The commit keeps the base's configuration (command,
 * entrypoint, env, user, working directory, ports, labels) and adds the layer count; an engine whose commit does not
 * (checked on the first result, {@link #differences}) gets the build. Once the engine has shown that, later layers
 * commit in the background ({@link #commitLater}): the revision's container starts from the base with the same layer
 * meanwhile.
 * <p>
 * Podman's compatible commit takes the new image's labels only from {@code changes} (not from the body, as Docker
 * also does), and writes the container's whole environment into the image: its defaults ({@code container=podman},
 * {@code TERM=xterm}) too, in another order. So the label goes as a {@code LABEL} change on both engines, and on
 * Podman the helper container is created through Podman's own API without any environment of its own
 * ({@code unsetenvall}): it never runs, and its commit keeps the base's environment exactly.
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
    private final EngineApi api;
    private volatile boolean engineKeepsConfiguration = true;
    private volatile boolean engineChecked;

    LayerCommit(DockerClient docker) {
        this.docker = docker;
        this.api = new EngineApi(docker);
    }

    /** @return the image id tagged {@code repository:tag} and {@code repository:latest}, or empty when only a build will do */
    Optional<String> commit(CodeLayer.Plan plan, InspectImageResponse base, String repository, String tag) throws IOException {
        if (!engineKeepsConfiguration) {
            return Optional.empty();
        }
        Path tar = Files.createTempFile("devserver-layer-", ".tar");
        String container = null;
        try {
            try (OutputStream out = Files.newOutputStream(tar)) {
                BuildContextTar.write(plan.codeFiles(), out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                container = helper(plan, base, in);
            }
            Map<String, String> label = Map.of(CodeLayer.LAYERS_LABEL, Integer.toString(plan.layers()));
            String id = commitContainer(container, repository, tag, label);
            List<String> differences = differences(base.getConfig(), docker.inspectImageCmd(id).exec().getConfig(), label);
            if (!differences.isEmpty()) {
                engineKeepsConfiguration = false;
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
     * What a committed image's configuration has other than its base's plus {@code added} labels: command,
     * entrypoint, environment (in order), user, working directory, exposed ports, labels. An absent entrypoint and an
     * empty one are the same, and so are an empty working directory and {@code /} (Podman writes both ways).
     */
    static List<String> differences(ContainerConfig base, ContainerConfig committed, Map<String, String> added) {
        List<String> out = new ArrayList<>();
        compare(out, "command", list(base.getCmd()), list(committed.getCmd()));
        compare(out, "entrypoint", list(base.getEntrypoint()), list(committed.getEntrypoint()));
        compare(out, "environment", list(base.getEnv()), list(committed.getEnv()));
        compare(out, "user", Objects.toString(base.getUser(), ""), Objects.toString(committed.getUser(), ""));
        compare(out, "working directory", workdir(base.getWorkingDir()), workdir(committed.getWorkingDir()));
        compare(out, "exposed ports", ports(base.getExposedPorts()), ports(committed.getExposedPorts()));
        Map<String, String> labels = new TreeMap<>(base.getLabels() == null ? Map.of() : base.getLabels());
        labels.putAll(added);
        compare(out, "labels", labels, new TreeMap<>(committed.getLabels() == null ? Map.of() : committed.getLabels()));
        return out;
    }

    private static void compare(List<String> out, String what, Object base, Object committed) {
        if (!base.equals(committed)) {
            out.add(what + " " + committed + " instead of " + base);
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private static String workdir(String dir) {
        return dir == null || dir.isEmpty() ? "/" : dir;
    }

    private static Set<String> ports(ExposedPort[] ports) {
        return ports == null ? Set.of() : Stream.of(ports).map(ExposedPort::toString).collect(Collectors.toCollection(TreeSet::new));
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
                String id = commitContainer(container, repository, tag, label);
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
        Map<String, String> labels = project == null ? Map.of() : Map.of(Labels.PROJECT, project);
        String container = EngineKind.of(docker).podman()
                ? api.post("/v4.0.0/libpod/containers/create", Map.of(),
                        Map.of("image", plan.baseImageId(), "unsetenvall", true, "labels", labels)).get("Id").asText()
                : docker.createContainerCmd(plan.baseImageId()).withLabels(labels).exec().getId();
        try {
            docker.copyArchiveToContainerCmd(container).withRemotePath(destination(plan, base)).withTarInputStream(tar).exec();
            return container;
        } catch (RuntimeException e) {
            remove(container);
            throw e;
        }
    }

    /** Commits {@code container} as {@code repository:tag} with {@code labels} added (as LABEL changes); its image id. */
    private String commitContainer(String container, String repository, String tag, Map<String, String> labels) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("container", container, "repo", repository, "tag", tag,
                "pause", "false"));
        query.put("changes", labels.entrySet().stream().map(e -> "LABEL " + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
        return api.post("/v1.41/commit", query, Map.of()).get("Id").asText();
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
