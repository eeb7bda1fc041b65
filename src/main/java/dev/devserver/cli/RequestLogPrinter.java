package dev.devserver.cli;

import dev.devserver.observe.logs.LogLines;
import dev.devserver.router.RequestRecord;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/** One readable terminal line per request: {@code 12:00:01 POST functions-echo-js.ns.localhost/ 200 3.1ms 17B}. */
public final class RequestLogPrinter implements Consumer<RequestRecord> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final boolean colour;

    /** Prints to stdout, in colour as {@link Ansi} decides. */
    public RequestLogPrinter() {
        this(System.out, Ansi.ENABLED);
    }

    public RequestLogPrinter(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void accept(RequestRecord record) {
        out.println(format(record));
    }

    public String format(RequestRecord record) {
        // concatenated, not String.format: this runs for every request, on the cores the router shares
        return paint(Ansi.Colour.DIM, TIME.format(record.timestamp())) + " " + record.requestMethod() + " "
                + printable(record.host()) + printable(record.requestUrl()) + " "
                + paint(statusColour(record.status()), Integer.toString(record.status())) + " "
                + duration(record.latency().toNanos()) + " " + size(record.responseSize());
    }

    /** Caller-controlled text must not drive the terminal (escape sequences), so control characters become '?'. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private String paint(Ansi.Colour code, String text) {
        return Ansi.paint(colour, code, text);
    }

    private static Ansi.Colour statusColour(int status) {
        return status >= 500 ? Ansi.Colour.RED : status >= 400 ? Ansi.Colour.YELLOW
                : status >= 300 ? Ansi.Colour.CYAN : Ansi.Colour.GREEN;
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000_000) {
            return LogLines.fixed((nanos + 50_000) / 100_000, 1) + "ms";
        }
        return LogLines.fixed((nanos + 5_000_000) / 10_000_000, 2) + "s";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fKB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1fMB", bytes / (1024.0 * 1024));
    }
}
