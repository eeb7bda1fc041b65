package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.devserver.DevserverException;
import dev.devserver.project.Debugger;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds functions into images tagged {@code <ksvc>:latest} and {@code <ksvc>:<content hash>}.
 * An image whose hash tag exists is not rebuilt: same source, runtime template and arguments, same image. A code edit
 * is one layer of changed files on the last image ({@link CodeLayer}), committed rather than built where the engine
 * allows ({@link LayerCommit}); files are hashed again only when their
 * size or modification time changed ({@link DigestCache}).
 */
public final class ImageBuilder {
    private static final String STOPPED = "devserver stopped before the build finished";
    private final DockerClient docker;
    private final RuntimeSources runtimes;
    private final boolean offlineBases;
    private final OfflineBases bases;
    private final BuildCa ca;
    private final DigestCache digests = new DigestCache();
    private final CodeLayer layers = new CodeLayer();
    private final LayerCommit commits;
    private volatile Set<String> debugged = Set.of();
    private final Set<StreamingBuild> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    public ImageBuilder(DockerClient docker, RuntimeSources runtimes, boolean offlineBases) {
        this(docker, runtimes, offlineBases, null);
    }

    /** @param ca extra CAs runtime builds and functions trust (--build-ca-file), or null */
    public ImageBuilder(DockerClient docker, RuntimeSources runtimes, boolean offlineBases, BuildCa ca) {
        this.docker = docker;
        this.runtimes = runtimes;
        this.offlineBases = offlineBases;
        this.bases = new OfflineBases(docker);
        this.ca = ca;
        this.commits = new LayerCommit(docker);
    }

    /**
     * The functions `up --debug` runs under a debugger whose runtime needs a debug build (Go): built with the
     * debugger's build arguments, which makes them images of their own (the content hash covers the arguments).
     */
    public ImageBuilder debugging(Set<String> functions) {
        debugged = Set.copyOf(functions);
        return this;
    }

    /**
     * `up` stops: the builds running are cancelled and no other starts, so none goes on making containers and images
     * after the stop removed the project's.
     */
    public void stop() {
        stopped = true;
        running.forEach(StreamingBuild::cancel);
    }

    /** Builds every function in parallel (bounded by cores); one failure does not stop the others. */
    public List<BuildResult> buildAll(Project project, List<FunctionSpec> functions, BuildListener listener) {
        int threads = Math.max(1, Math.min(functions.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BuildResult>> futures = functions.stream()
                    .map(f -> pool.submit(() -> build(project, f, listener))).toList();
            return futures.stream().map(ImageBuilder::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static BuildResult join(Future<BuildResult> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds the function's image; a successful result also says what its next code edit would start from, when that
     * edit's layer would be committed in the background (serving then creates that revision's container ahead).
     */
    public BuildResult build(Project project, FunctionSpec function, BuildListener listener) {
        BuildResult result = buildImage(project, function, listener);
        if (!result.ok() || !commits.commitsLater()) {
            return result;
        }
        return layers.nextBase(function.imageName()).map(result::withNext).orElse(result);
    }

    private BuildResult buildImage(Project project, FunctionSpec function, BuildListener listener) {
        long start = System.nanoTime();
        if (stopped) {
            return stopped(function, start);
        }
        try {
            Path runtimeFolder = runtimes.folder(project, function);
            Map<String, String> args = new HashMap<>();
            if (runtimeFolder != null && offlineBases) {
                listener.line(function, "preparing offline base images");
                args.putAll(bases.buildArgs(slug(function.runtime()), runtimeFolder));
            }
            if (debugged.contains(function.name())) {
                Debugger.of(function.runtime()).ifPresent(d -> args.putAll(d.buildArgs()));
            }
            BuildContext context = BuildContext.of(project, function, runtimeFolder, runtimes.catalog().shared(), ca);
            context.warnings().forEach(w -> listener.warning(function, w));
            ContextDigest digest = context.digest(args, digests);
            String hash = digest.hash();
            String image = function.imageName() + ":" + hash;
            Optional<InspectImageResponse> built = inspect(image);
            if (built.isPresent()) {
                String latest = function.imageName() + ":latest";
                List<String> tags = built.get().getRepoTags();
                if (tags == null || !tags.contains(latest)) { // a tag is an engine write: `up` of 30 cached functions skips 30
                    docker.tagImageCmd(image, function.imageName(), "latest").exec();
                }
                layers.remember(image, built.get().getId(), built.get().getConfig().getLabels(), digest);
                return new BuildResult(function, image, hash, true, elapsed(start), null, List.of());
            }
            Optional<CodeLayer.Plan> plan = layers.plan(image, context, digest);
            Optional<InspectImageResponse> base = plan.flatMap(p -> inspect(p.baseImageId()));
            if (base.isPresent()) {
                // a failed commit: the next build of the function is a full one, and says why if that fails too
                Optional<PendingImage> pending = commits.commitLater(plan.get(), base.get(), function.imageName(), hash,
                        () -> layers.forget(image));
                if (pending.isPresent()) {
                    return new BuildResult(function, image, hash, elapsed(start), pending.get());
                }
                if (commits.commit(plan.get(), base.get(), function.imageName(), hash).isPresent()) {
                    return new BuildResult(function, image, hash, false, elapsed(start), null, List.of());
                }
            }
            if (base.isPresent()) {
                BuildResult layered = run(project, function, out -> BuildContextTar.write(plan.get().entries(), out),
                        false, Map.of(), image, hash, listener, start);
                if (layered.ok()) {
                    return layered;
                }
                layers.forget(image); // whatever went wrong on top of the base, a full build says it properly
            }
            BuildResult full = run(project, function, context::writeTar, runtimeFolder == null, args, image, hash, listener, start);
            if (full.ok()) {
                inspect(image).ifPresent(i -> layers.remember(image, i.getId(), i.getConfig().getLabels(), digest));
            }
            return full;
        } catch (DevserverException e) {
            return new BuildResult(function, null, null, false, elapsed(start), e.getMessage(), List.of());
        } catch (IOException e) {
            return new BuildResult(function, null, null, false, elapsed(start),
                    "cannot read the build context: " + e.getMessage(), List.of());
        }
    }

    /** The tar of a build context, written to the stream it is given. */
    private interface ContextWriter {
        void write(OutputStream out) throws IOException;
    }

    private BuildResult run(Project project, FunctionSpec function, ContextWriter context, boolean ownDockerfile, Map<String, String> args,
                            String image, String hash, BuildListener listener, long start) throws IOException {
        Path tar = Files.createTempFile("devserver-context-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(tar)) {
                context.write(out);
            }
            StreamingBuild build = new StreamingBuild(line -> listener.line(function, line));
            running.add(build);
            if (stopped) {
                build.cancel(); // stop() may have missed it
            }
            try (InputStream in = Files.newInputStream(tar)) {
                BuildImageCmd cmd = docker.buildImageCmd(in)
                        .withTags(Set.of(image, function.imageName() + ":latest"))
                        .withRemove(true)
                        .withForcerm(true); // also remove the container of a failed step: nothing left behind
                if (ownDockerfile) { // runtime templates carry the labels in their rendered Dockerfile
                    cmd.withLabels(BuildContext.labels(project, function));
                }
                args.forEach(cmd::withBuildArg);
                cmd.exec(build).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the callback has recorded the failure with the build output
            } finally {
                running.remove(build);
            }
            if (build.cancelled()) {
                return stopped(function, start);
            }
            if (build.error() != null || inspect(image).isEmpty()) {
                String error = (build.failingStep().isEmpty() ? "" : build.failingStep() + ": ")
                        + (build.error() == null ? "the image was not produced" : build.error().strip());
                return new BuildResult(function, null, hash, false, elapsed(start), error, build.tail());
            }
            return new BuildResult(function, image, hash, false, elapsed(start), null, List.of());
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private Optional<InspectImageResponse> inspect(String image) {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static String slug(String runtime) {
        return runtime.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The result of a build that stop() cancelled or kept from starting. */
    private static BuildResult stopped(FunctionSpec function, long start) {
        return new BuildResult(function, null, null, false, elapsed(start), STOPPED, List.of());
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
