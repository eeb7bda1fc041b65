package dev.devserver.it;

import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One real `up` of a copied test project for a whole test class: {@code @RegisterExtension static final RunningUp UP =
 * new RunningUp("gitlab-example");} starts it before the first test and removes its containers and copy after the last.
 */
public final class RunningUp implements BeforeAllCallback, AfterAllCallback {
    private final String project;
    private final Preparation prepare;
    private final SessionOptions options;
    private Path temp;
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private Session session;
    private boolean stopped;

    public RunningUp(String project) {
        this(project, copy -> { });
    }

    /** @param prepare adds to the copied project before `up` (files from elsewhere in the checkout) */
    public RunningUp(String project, Preparation prepare) {
        this(project, prepare, SessionOptions.defaults().withPort(0).withOfflineBases(true));
    }

    public RunningUp(String project, Preparation prepare, SessionOptions options) {
        this.project = project;
        this.prepare = prepare;
        this.options = options;
    }

    /** What a test adds to or changes in the copied project before `up` starts. */
    @FunctionalInterface
    public interface Preparation {
        void prepare(Path copy) throws IOException;
    }

    public Session session() {
        return session;
    }

    /** Every line `up` printed so far, as a terminal shows them. */
    public List<String> printed() {
        return printed;
    }

    /** Stops the session now (a test of what closing does); the session stays readable. */
    public void stop() {
        stopped = true;
        session.close();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        temp = Files.createTempDirectory("devserver-it-");
        Path copy = TestProjects.copy(project, temp);
        prepare.prepare(copy);
        session = Sessions.start(copy, options, printed::add);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null && !stopped) {
            session.close();
        }
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
