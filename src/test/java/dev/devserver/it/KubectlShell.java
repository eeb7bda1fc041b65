package dev.devserver.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shell lines (pipes as users write them) in a project folder, with KUBECONFIG from `devserver kubeconfig`. */
record KubectlShell(Path project, Path kubeconfig, String namespace, Map<String, String> env) {
    KubectlShell(Path project, Path kubeconfig, String namespace) {
        this(project, kubeconfig, namespace, Map.of());
    }

    /** Writes the kubeconfig of the devserver running in {@code project} into {@code temp}. */
    static KubectlShell forRunningUp(Path project, Path temp, String namespace) throws Exception {
        DevserverProcess p = DevserverProcess.run(project, temp.resolve("kubeconfig-" + System.nanoTime() + ".log"), "kubeconfig");
        assertEquals(0, p.exitCode(), p.output());
        Path kubeconfig = temp.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, p.output());
        return new KubectlShell(project, kubeconfig, namespace);
    }

    /** The same shell with one more environment variable (a CI variable, say). */
    KubectlShell withEnv(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new KubectlShell(project, kubeconfig, namespace, Map.copyOf(more));
    }

    /** The same shell with another `kubectl` to use, from {@code folder}, first on PATH. */
    KubectlShell withKubectlFrom(Path folder) {
        return withEnv("PATH", folder + ":" + System.getenv("PATH"));
    }

    record Result(int code, String output) {
    }

    Result run(String line) throws Exception {
        return run("sh", line);
    }

    /** A line in bash, for what sh lacks (process substitution). */
    Result bash(String line) throws Exception {
        return run("bash", line);
    }

    private Result run(String shell, String line) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(shell, "-c", line).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("KUBE_NAMESPACE", namespace);
        environment.putAll(env);
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
