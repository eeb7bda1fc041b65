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
        return file + ":" + p.line() + ":" + p.column() + ": " + kind + p.message();
    }
}
