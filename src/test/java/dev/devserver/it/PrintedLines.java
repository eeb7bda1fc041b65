package dev.devserver.it;

import dev.devserver.session.SessionListener;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A session's events as plain lines, for tests that read or print what `up` would show. */
public final class PrintedLines implements SessionListener {
    private final Consumer<String> lines;

    public PrintedLines(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void containerLine(String function, String revision, boolean stderr, String text) {
        lines.accept(function + " │ " + text);
    }

    @Override
    public void reloaded(String function, String revision, Duration took, String cause) {
        lines.accept(function + ": reloaded in " + took.toMillis() + " ms, revision " + revision + " (" + cause + ")");
    }

    @Override
    public void reloadFailed(String function, String cause, String reason, List<String> logTail) {
        lines.accept(function + ": reload failed (" + cause + "): " + reason + " " + String.join("\n", logTail));
    }

    @Override
    public void projectRejected(String problems) {
        lines.accept("serverless.yml has problems: " + problems);
    }

    @Override
    public void notice(String function, String text) {
        lines.accept(function + ": " + text);
    }

    @Override
    public void message(String text) {
        lines.accept(text);
    }
}
