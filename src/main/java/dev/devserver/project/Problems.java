package dev.devserver.project;

import dev.devserver.DevserverException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem found so the user can fix them all in one go, each tied to a 1-based line:column. */
final class Problems {
    private record Problem(int line, int column, String message) {
    }

    private static final Comparator<Problem> BY_POSITION = Comparator.comparingInt(Problem::line)
            .thenComparingInt(Problem::column);

    private final String file;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> notes = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(Node at, String message) {
        Mark m = at == null ? null : at.getStartMark();
        error(m, message);
    }

    void error(Mark m, String message) {
        error(m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, message);
    }

    void error(int line, int column, String message) {
        errors.add(new Problem(line, column, message));
    }

    void note(Node at, String message) {
        Mark m = at.getStartMark();
        notes.add(new Problem(m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, message));
    }

    boolean any() {
        return !errors.isEmpty();
    }

    List<String> notes() {
        return notes.stream().sorted(BY_POSITION).map(p -> format(p, "note: ")).toList();
    }

    /** All errors, sorted by position, one per line; exit code 2 (invalid project). */
    DevserverException exception() {
        List<String> lines = errors.stream().sorted(BY_POSITION).map(p -> format(p, "")).distinct().toList();
        return new DevserverException(DevserverException.INVALID_PROJECT, String.join("\n", lines));
    }

    private String format(Problem p, String kind) {
        return file + ":" + p.line() + ":" + p.column() + ": " + kind + printable(p.message());
    }

    /**
     * Messages quote the user's values, which may hold anything: control characters, line breaks, terminal escape
     * sequences, bidi overrides. Shown as a backslash-u escape (as in JSON) so each problem stays one line and cannot drive the terminal.
     */
    static String printable(String message) {
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean unsafe = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(message.charAt(i - 1)));
            if (unsafe && out == null) {
                out = new StringBuilder(message.substring(0, i));
            }
            if (out != null) {
                out.append(unsafe ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? message : out.toString();
    }
}
