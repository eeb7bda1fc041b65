package dev.devserver.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.devserver.docker.EngineKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether runtime builds use the official base images (online) or the local stand-ins built from Debian packages
 * (offline), and why. Decided by asking the engine, without pulling anything and without GNU timeout: the override
 * {@code DEVSERVER_OFFLINE_BASES} first; online when an official base is already here or the engine reaches Docker
 * Hub; offline only where its Debian bases exist or {@code bin/debian-bases} can make them, since a switch to offline
 * bases that cannot be built would only trade one failure for another.
 */
public record BaseMode(boolean offline, String reason) {
    static final String OFFICIAL_PROBE = "node:22-bookworm-slim";
    static final List<String> DEBIAN_BASES = List.of("debian:bookworm-slim", "debian:bullseye-slim");
    private static final long REGISTRY_TIMEOUT_SECONDS = 10;

    public static BaseMode decide(DockerClient docker, RuntimeCatalog catalog, Map<String, String> env) {
        String override = env.getOrDefault("DEVSERVER_OFFLINE_BASES", "").strip();
        Path script = catalog.root().toAbsolutePath().getParent().resolve("bin/debian-bases");
        if (!override.isEmpty()) {
            boolean offline = override.equals("1") || override.equalsIgnoreCase("true");
            if (offline && !debianBasesHere(docker) && !(canMakeDebianBases(script) && run(script, docker))) {
                return new BaseMode(true, "DEVSERVER_OFFLINE_BASES=" + override + ", but " + String.join(" and ", DEBIAN_BASES)
                        + " are missing and cannot be made here: run " + script + " as root on a Debian or Ubuntu host");
            }
            return new BaseMode(offline, "DEVSERVER_OFFLINE_BASES=" + override);
        }
        if (present(docker, OFFICIAL_PROBE)) {
            return new BaseMode(false, OFFICIAL_PROBE + " is already in the engine");
        }
        String unreachable = registryProblem(docker);
        if (unreachable == null) {
            return new BaseMode(false, "the engine reaches Docker Hub");
        }
        String why = "the engine cannot reach Docker Hub (" + unreachable + ")";
        if (debianBasesHere(docker)) {
            return new BaseMode(true, why + "; building from the local " + String.join(" and ", DEBIAN_BASES));
        }
        if (canMakeDebianBases(script) && run(script, docker)) {
            return new BaseMode(true, why + "; made " + String.join(" and ", DEBIAN_BASES) + " with " + script);
        }
        return new BaseMode(false, why + ", and there are no local " + String.join(" and ", DEBIAN_BASES)
                + " to build offline bases from: trying the official images anyway. On a Debian or Ubuntu host, run "
                + script + " as root, then DEVSERVER_OFFLINE_BASES=1");
    }

    public static BaseMode decide(DockerClient docker, RuntimeCatalog catalog) {
        return decide(docker, catalog, System.getenv());
    }

    /** The line devserver prints before building. */
    public String line() {
        return "devserver: " + (offline ? "offline base images (local Debian stand-ins)" : "official base images") + ": " + reason;
    }

    private static boolean debianBasesHere(DockerClient docker) {
        return DEBIAN_BASES.stream().allMatch(image -> present(docker, image));
    }

    private static boolean present(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** A one-result search goes from the engine to Docker Hub and back, with the engine's own proxy settings. */
    private static String registryProblem(DockerClient docker) {
        try {
            CompletableFuture.supplyAsync(() -> docker.searchImagesCmd("node").withLimit(1).exec())
                    .get(REGISTRY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer in " + REGISTRY_TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            return message.replaceAll("\\s+", " ").strip();
        }
    }

    /** bin/debian-bases uses debootstrap and apt-get, which need root on a Debian-like host. */
    private static boolean canMakeDebianBases(Path script) {
        return Files.isExecutable(script) && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }

    private static boolean run(Path script, DockerClient docker) {
        try {
            System.err.println("devserver: no registry; making Debian base images with " + script + " (about a minute, once)");
            // Its progress goes to stderr; stdout stays clean for --json readers.
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "bookworm", "bullseye")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (EngineKind.of(docker).podman()) {
                builder.environment().put("DEVSERVER_ENGINE", "podman"); // the bases go where the builds run
            }
            Process process = builder.start();
            process.getOutputStream().close();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
