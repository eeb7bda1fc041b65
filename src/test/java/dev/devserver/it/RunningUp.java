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
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One real `up` of a copied test project for a whole test class: {@code @RegisterExtension static final RunningUp UP =
 * new RunningUp("gitlab-example");} starts it before the first test and removes its containers and copy after the last.
 */
public final class RunningUp implements BeforeAllCallback, AfterAllCallback {
    private final String project;
    private final Consumer<Path> prepare;
    private final SessionOptions options;
    private Path temp;
    private Session session;
    private boolean stopped;

    public RunningUp(String project) {
        this(project, copy -> { });
    }

    /** @param prepare adds to the copied project before `up` (files from elsewhere in the checkout) */
    public RunningUp(String project, Consumer<Path> prepare) {
        this(project, prepare, SessionOptions.defaults().withPort(0).withOfflineBases(true));
    }

    public RunningUp(String project, Consumer<Path> prepare, SessionOptions options) {
        this.project = project;
        this.prepare = prepare;
        this.options = options;
    }

    public Session session() {
        return session;
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
        prepare.accept(copy);
        session = Sessions.start(copy, options);
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
