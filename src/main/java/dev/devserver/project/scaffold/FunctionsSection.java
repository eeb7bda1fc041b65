package dev.devserver.project.scaffold;

import dev.devserver.DevserverException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds a function to serverless.yml as text: the user's comments, blank lines, quoting and key order stay exactly
 * as they were, which re-serialising the YAML tree would lose. The caller validates the result.
 */
final class FunctionsSection {
    private static final Pattern HEADER = Pattern.compile("^functions\\s*:(.*)$");

    private FunctionsSection() {
    }

    /** @param properties the function's keys and already-formatted scalar values, in the order to write them */
    static String withFunction(String text, String name, Map<String, String> properties) {
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        int header = header(lines);
        if (header < 0) {
            int step = firstIndent(lines, 0, lines.size(), 2);
            String body = text.isEmpty() || text.endsWith("\n") ? text : text + nl;
            return body + nl + "functions:" + nl + String.join(nl, block(name, properties, step, 2 * step)) + nl;
        }
        String rest = withoutComment(HEADER.matcher(lines.get(header)).replaceFirst("$1")).trim();
        int end = sectionEnd(lines, header);
        if (List.of("{}", "~", "null").contains(rest)) {
            // An empty mapping written on the header line: make it a block mapping, keeping any comment.
            lines.set(header, lines.get(header).replaceFirst("\\s*(\\{}|~|null)", "").replaceAll("\\s+$", ""));
        } else if (!rest.isEmpty()) {
            throw new DevserverException("line " + (header + 1) + ": `functions:` is written on one line (flow style);"
                    + " devserver init only adds to a block mapping. Add the function by hand, or rewrite `functions:`"
                    + " with one key per line.");
        }
        int child = firstIndent(lines, header + 1, end, firstIndent(lines, 0, lines.size(), 2));
        int grandChild = firstIndentBeyond(lines, header + 1, end, child);
        int property = grandChild > child ? grandChild : 2 * child;
        int last = lastIndented(lines, header, end);
        List<String> insert = new ArrayList<>();
        if (last > header && hasBlankLine(lines, header + 1, last)) {
            insert.add(""); // the user separates functions with blank lines: so do we
        }
        insert.addAll(block(name, properties, child, property));
        lines.addAll(last + 1, insert);
        return String.join(nl, lines);
    }

    private static List<String> block(String name, Map<String, String> properties, int child, int property) {
        List<String> block = new ArrayList<>();
        block.add(" ".repeat(child) + name + ":");
        properties.forEach((key, value) -> block.add(" ".repeat(property) + key + ": " + value));
        return block;
    }

    private static int header(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (HEADER.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the next top-level key (or the end): column-0 comments do not end the section. */
    private static int sectionEnd(List<String> lines, int header) {
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && indent(line) == 0 && !line.startsWith("#")) {
                return i;
            }
        }
        return lines.size();
    }

    private static int lastIndented(List<String> lines, int header, int end) {
        int last = header;
        for (int i = header + 1; i < end; i++) {
            if (!lines.get(i).isBlank() && indent(lines.get(i)) > 0) {
                last = i;
            }
        }
        return last;
    }

    private static int firstIndent(List<String> lines, int from, int to, int otherwise) {
        return firstIndentBeyond(lines, from, to, 0) > 0 ? firstIndentBeyond(lines, from, to, 0) : otherwise;
    }

    /** The indent of the first content line indented deeper than {@code than}, or -1. */
    private static int firstIndentBeyond(List<String> lines, int from, int to, int than) {
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.stripLeading().startsWith("#") && indent(line) > than) {
                return indent(line);
            }
        }
        return -1;
    }

    private static boolean hasBlankLine(List<String> lines, int from, int to) {
        return lines.subList(from, to).stream().anyMatch(String::isBlank);
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String withoutComment(String value) {
        Matcher m = Pattern.compile("(^|\\s)#").matcher(value);
        return m.find() ? value.substring(0, m.start()) : value;
    }
}
