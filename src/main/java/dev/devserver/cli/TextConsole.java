package dev.devserver.cli;

import dev.devserver.router.RequestRecord;
import dev.devserver.session.SessionListener;

import java.time.Duration;
import java.util.List;

/** `up`'s text console: what the session reports, as coloured lines scrolling above the live summary. */
final class TextConsole implements SessionListener {
    private final StatusLine terminal;
    private final LiveSummary summary;
    private final RequestLogPrinter printer = new RequestLogPrinter();

    TextConsole(StatusLine terminal, LiveSummary summary) {
        this.terminal = terminal;
        this.summary = summary;
    }

    @Override
    public void containerLine(String function, String revision, boolean stderr, String text) {
        terminal.println(Ansi.dim(function + " │ ") + text);
    }

    @Override
    public void reloaded(String function, String revision, Duration took, String cause) {
        terminal.println(Ansi.green(function + ": ") + "reloaded in " + took.toMillis() + " ms, revision " + revision
                + " (" + cause + ")");
    }

    @Override
    public void reloadFailed(String function, String cause, String reason, List<String> logTail) {
        String tail = logTail.isEmpty() ? "" : "\n    " + String.join("\n    ", logTail);
        terminal.println(Ansi.red(function + ": ") + "reload failed (" + cause + "): " + reason + tail
                + "\n  the previous revision keeps serving.");
    }

    @Override
    public void projectRejected(String problems) {
        terminal.println(Ansi.red("serverless.yml has problems; still serving the previous version:\n") + problems);
    }

    @Override
    public void notice(String function, String text) {
        terminal.println(Ansi.yellow(function + ": ") + text);
    }

    @Override
    public void request(RequestRecord record) {
        summary.accept(record);
        terminal.println(printer.format(record));
    }

    @Override
    public void routed(int port, int starting) {
        terminal.println("Routing on port " + port + (starting == 0 ? "." : "; requests to the " + starting
                + " function(s) still starting wait for their containers."));
    }

    @Override
    public void message(String text) {
        terminal.println(text);
    }
}
