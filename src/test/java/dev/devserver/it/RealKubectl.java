package dev.devserver.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A folder whose `kubectl` is the client itself. Google Cloud SDK installs a dispatcher as `kubectl`
 * ({@code v1.32.4-dispatcher}): it reads the kubeconfig to ask the server's version, then runs its own kubectl or the
 * matching {@code kubectl.1.NN} beside it, which reads the kubeconfig again. A kubeconfig that can be read once, such
 * as bash's {@code <(…)}, is empty the second time (kubernetes/kubectl#1759). For such an install this gives the
 * versioned binary the dispatcher would run for devserver (which reports v1.32), linked as `kubectl`.
 */
final class RealKubectl {
    static final String SERVER_MINOR = "1.32";

    private RealKubectl() {
    }

    static Path folder(Path temp) throws Exception {
        Path onPath = onPath().orElseThrow(() -> new AssertionError("no kubectl on PATH (bin/test installs one)"));
        if (!clientVersion(onPath).contains("dispatcher")) {
            return onPath.getParent();
        }
        Path versioned = onPath.toRealPath().resolveSibling("kubectl." + SERVER_MINOR);
        if (!Files.isExecutable(versioned)) {
            throw new AssertionError(onPath + " is gcloud's dispatcher and " + versioned + " is missing: install "
                    + "gcloud's kubectl " + SERVER_MINOR + " (gcloud components install kubectl) or another kubectl");
        }
        Path folder = Files.createDirectories(temp.resolve("real-kubectl"));
        Path link = folder.resolve("kubectl");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, versioned);
        return folder;
    }

    private static java.util.Optional<Path> onPath() {
        return Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable).findFirst();
    }

    private static String clientVersion(Path kubectl) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "version", "--client").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(kubectl + " version --client did not finish");
        }
        return output;
    }
}
