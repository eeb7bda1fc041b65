package dev.devserver.session;

import dev.devserver.observe.Ansi;
import dev.devserver.serving.ServingEvents;

import java.util.function.Consumer;

/** Serving's notable moments (cold starts, scale to zero, crashes) as terminal lines. */
final class TerminalEvents implements ServingEvents {
    private final Consumer<String> terminal;

    TerminalEvents(Consumer<String> terminal) {
        this.terminal = terminal;
    }

    @Override
    public void info(String function, String message) {
        terminal.accept(Ansi.yellow(function + ": ") + message);
    }
}
