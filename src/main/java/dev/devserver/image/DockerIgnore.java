package dev.devserver.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} file: Go-style globs with {@code **}, {@code !} re-includes, last match wins.
 * As in Docker's patternmatcher, a rule applies to a path when it matches the path or one of its parent folders, so
 * {@code !node_modules/keep} brings one file back out of an ignored {@code node_modules}.
 */
public final class DockerIgnore {
    private record Rule(Pattern pattern, boolean include) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    public static DockerIgnore read(Path file) throws IOException {
        return read(List.of(), file);
    }

    /** Default rules first, then the file's: a {@code !} line in the file overrides a default. */
    public static DockerIgnore read(List<String> defaults, Path file) throws IOException {
        List<String> lines = new ArrayList<>(defaults);
        if (Files.isRegularFile(file)) {
            lines.addAll(Files.readAllLines(file));
        }
        return parse(lines);
    }

    public static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("!");
            String glob = (include ? line.substring(1) : line).strip();
            glob = glob.replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
            if (!glob.isEmpty()) {
                rules.add(new Rule(Pattern.compile(toRegex(glob)), include));
            }
        }
        return new DockerIgnore(rules);
    }

    /** @param relative a '/'-separated path relative to the context root */
    public boolean ignores(String relative) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.pattern, relative)) {
                ignored = !rule.include;
            }
        }
        return ignored;
    }

    /** Whether some rule re-includes paths: then an ignored folder must still be walked, as Docker does. */
    boolean reincludes() {
        return rules.stream().anyMatch(Rule::include);
    }

    private static boolean matchesOrParentMatches(Pattern pattern, String relative) {
        for (int slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) {
            if (pattern.matcher(relative.substring(0, slash)).matches()) {
                return true;
            }
        }
        return pattern.matcher(relative).matches();
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    regex.append('[').append(glob, i + 1, end).append(']');
                    i = end;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
