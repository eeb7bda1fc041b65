package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.devserver.DevserverException;
import dev.devserver.docker.Labels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Local stand-ins for the official base images, for machines that cannot pull: each
 * {@code offline/<ARG>.Dockerfile} of a runtime is built once as {@code devserver-base/<runtime>-<arg>:offline}
 * and passed to the runtime's Dockerfile as build argument {@code ARG}.
 */
final class OfflineBases {
    private final DockerClient docker;

    OfflineBases(DockerClient docker) {
        this.docker = docker;
    }

    synchronized Map<String, String> buildArgs(String runtimeSlug, Path runtimeFolder) throws IOException {
        Path offline = runtimeFolder.resolve("offline");
        Map<String, String> args = new HashMap<>();
        if (!Files.isDirectory(offline)) {
            return args;
        }
        List<Path> dockerfiles;
        try (Stream<Path> files = Files.list(offline)) {
            dockerfiles = files.filter(f -> f.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
        }
        for (Path dockerfile : dockerfiles) {
            String arg = dockerfile.getFileName().toString().replace(".Dockerfile", "");
            String image = "devserver-base/" + runtimeSlug + "-" + arg.toLowerCase().replace('_', '-') + ":offline";
            ensure(image, Files.readString(dockerfile));
            args.put(arg, image);
        }
        return args;
    }

    private void ensure(String image, String dockerfile) throws IOException {
        String hash = Integer.toHexString(dockerfile.hashCode());
        try {
            Map<String, String> labels = docker.inspectImageCmd(image).exec().getConfig().getLabels();
            if (labels != null && hash.equals(labels.get(Labels.HASH))) {
                return;
            }
        } catch (NotFoundException absent) {
            // build it below
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        BuildContextTar.single("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), tar);
        StreamingBuild build = new StreamingBuild(line -> { });
        try {
            docker.buildImageCmd(new ByteArrayInputStream(tar.toByteArray()))
                    .withTags(Set.of(image)).withLabels(Map.of(Labels.HASH, hash)).withForcerm(true)
                    .exec(build).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // reported below with the build's own output
        }
        if (build.error() != null) {
            throw new DevserverException("Building the offline base image " + image + " failed at "
                    + build.failingStep() + ": " + build.error() + "\n  " + String.join("\n  ", build.tail()));
        }
    }
}
