package dev.devserver.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shell lines (pipes as users write them) in a project folder, with KUBECONFIG from `devserver kubeconfig`.
 *
 * @param kubectlFolder null, or the folder of another `kubectl` to use, first on PATH
 */
record KubectlShell(Path project, Path kubeconfig, String namespace, Path kubectlFolder) {
    record Result(int code, String output) {
    }

    /** Writes the running `up`'s kubeconfig into {@code temp}. */
    static KubectlShell forRunningUp(Path project, Path temp, String namespace) throws Exception {
        DevserverProcess p = DevserverProcess.run(project, temp.resolve("kubeconfig-" + System.nanoTime() + ".log"), "kubeconfig");
        assertEquals(0, p.exitCode(), p.output());
        Path kubeconfig = temp.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, p.output());
        return new KubectlShell(project, kubeconfig, namespace, null);
    }

    KubectlShell withKubectlFrom(Path folder) {
        return new KubectlShell(project, kubeconfig, namespace, folder);
    }

    Result run(String line) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", line).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("KUBE_NAMESPACE", namespace);
        if (kubectlFolder != null) {
            env.put("PATH", kubectlFolder + ":" + env.get("PATH"));
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), line);
        return new Result(process.exitValue(), output);
    }

    String ok(String line) throws Exception {
        Result r = run(line);
        assertEquals(0, r.code(), line + "\n" + r.output());
        return r.output();
    }

    /** `kubectl apply -f -` of {@code yaml}; its output. */
    String apply(String yaml) throws Exception {
        Path file = Files.createTempFile(project.getParent(), "manifest-", ".yaml");
        Files.writeString(file, yaml);
        return ok("kubectl apply -f " + file);
    }
}
