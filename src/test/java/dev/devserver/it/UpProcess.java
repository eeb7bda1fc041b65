package dev.devserver.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real `devserver up` process (the built jar) of a copied test project for a whole test class, on a free port:
 * {@code @RegisterExtension static final UpProcess UP = new UpProcess("secrets");}. It stops the process and removes
 * the copy after the last test; {@link RunningUp} is the same in-process.
 */
final class UpProcess implements BeforeAllCallback, AfterAllCallback {
    private final String testProject;
    /** A folder for the test's own files, removed with the project. */
    Path temp;
    /** The copied project `up` runs in. */
    Path project;
    /** What the running `up` printed so far. */
    Path log;
    /** The running `up`'s router port. */
    int port;
    private DevserverProcess up;

    UpProcess(String testProject) {
        this.testProject = testProject;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Engine.docker();
        temp = Files.createTempDirectory("devserver-it-");
        project = TestProjects.copy(testProject, temp).toRealPath();
        start();
    }

    private void start() throws Exception {
        port = DevserverProcess.freePort();
        log = temp.resolve("up-" + System.nanoTime() + ".log");
        up = DevserverProcess.start(project, log, "up", "--port", String.valueOf(port));
        up.awaitUp(); // assigned first, so a failed start is still stopped after the tests
    }

    /** Stops `up` (gracefully, as Ctrl-C) and starts it again in the same project, on a new port. */
    void restart() throws Exception {
        up.close();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (up != null) {
            up.close();
        }
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's Kubernetes namespace: {@code <project folder>-local}. */
    String namespace() {
        return project.getFileName() + "-local";
    }

    /** Runs another devserver command in the project and waits for it. */
    DevserverProcess run(String... args) throws Exception {
        return DevserverProcess.run(project, temp.resolve("cmd-" + System.nanoTime() + ".log"), args);
    }

    /** `devserver kubeconfig` for the running `up`. */
    String kubeconfig() throws Exception {
        DevserverProcess p = run("kubeconfig");
        assertEquals(0, p.exitCode(), p.output());
        return p.output();
    }

    /** Shell lines in the project with KUBECONFIG (written now) and KUBE_NAMESPACE set, as GitLab's CI jobs run. */
    KubectlShell kubectl() throws Exception {
        return KubectlShell.forRunningUp(project, temp, namespace());
    }
}
