package dev.devserver.cli;

import java.io.PrintStream;

/**
 * The terminal's bottom line, rewritten in place (build progress, the live summary) while ordinary lines scroll above
 * it. Off when stdout is not a terminal: then {@link #status} prints nothing and lines go out unchanged.
 */
final class StatusLine {
    private static final String CLEAR = "\r\u001b[2K";

    private final PrintStream out;
    private final boolean live;
    private final int width;
    private String status = "";

    StatusLine(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
        this.width = columns();
    }

    static StatusLine forStdout() {
        return new StatusLine(System.out, System.console() != null);
    }

    boolean live() {
        return live;
    }

    /** An ordinary line: printed above the status line, which is drawn again below it. */
    synchronized void println(String line) {
        if (status.isEmpty()) {
            out.println(line);
        } else {
            out.print(CLEAR);
            out.println(line);
            out.print(status);
        }
        out.flush();
    }

    /** Replaces the status line; cut to the terminal width, since a wrapped line could not be rewritten. */
    synchronized void status(String text) {
        if (!live) {
            return;
        }
        status = text.length() >= width ? text.substring(0, width - 2) + "…" : text;
        out.print(CLEAR + status);
        out.flush();
    }

    synchronized void clear() {
        if (live && !status.isEmpty()) {
            out.print(CLEAR);
            out.flush();
        }
        status = "";
    }

    /** $COLUMNS when the shell exports it, else the classic 80. */
    private static int columns() {
        try {
            return Math.max(20, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80")));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
