package dev.devserver.it;

import dev.devserver.image.BuildListener;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** Starts a real `up` session (real engine, real router on a free port) for a test project. */
public final class Sessions {
    public static final Vertx VERTX = Vertx.vertx();

    private Sessions() {
    }

    public static Session start(Path projectDir) {
        return start(projectDir, SessionOptions.defaults().withPort(0).withOfflineBases(true));
    }

    public static Session start(Path projectDir, SessionOptions options) {
        return start(projectDir, options, line -> { });
    }

    /** @param printed gets every line `up` prints (they go to the test's output too) */
    public static Session start(Path projectDir, SessionOptions options, Consumer<String> printed) {
        return start(projectDir, options, printed, opened -> { });
    }

    /** @param opened gets the session once its router listens, before it builds and starts (a stop may close it then) */
    public static Session start(Path projectDir, SessionOptions options, Consumer<String> printed, Consumer<Session> opened) {
        return Session.start(ProjectLoader.load(projectDir, Settings.defaults()), options, VERTX, Engine.docker(),
                Engine.runtimes(), BuildListener.SILENT, new PrintedLines(line -> {
                    System.out.println("  | " + line);
                    printed.accept(line);
                }), opened);
    }

    /** POSTs a body to one of the session's functions through its router, by the function's Knative host. */
    /** Writes the project's serverless.yml, runs `up` on it, POSTs one request to the function and stops again. */
    public static HttpResponse<String> postOnce(Path project, String serverlessYml, String function, String contentType,
                                                String body) throws IOException {
        Files.writeString(project.resolve("serverless.yml"), serverlessYml);
        try (Session session = start(project)) {
            return post(session, function, contentType, body);
        }
    }

    public static HttpResponse<String> post(Session session, String function, String contentType, String body) {
        String host = session.project().function(function).orElseThrow().host(session.project());
        return Http.send(session.port(), host, "POST", "/", contentType, body);
    }

    public static Duration shortTimeouts() {
        return Duration.ofSeconds(20);
    }
}
