package dev.devserver.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project directory and the paths serverless.yml names relative to it (which must stay inside it). */
final class ProjectDir {
    private final Path lexical;
    private final Path real;

    ProjectDir(Path dir) {
        this.lexical = dir.toAbsolutePath().normalize();
        Path r;
        try {
            r = lexical.toRealPath();
        } catch (IOException e) {
            r = lexical; // a directory that does not exist: every source check will then fail with its own message
        }
        this.real = r;
    }

    Path real() {
        return real;
    }

    /** The normalised absolute path for a relative or absolute text path, or null when it is not a valid path. */
    Path resolve(String text) {
        try {
            return lexical.resolve(text).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Null when {@code text} names a path inside the project, even after following symlinks; else the problem. */
    String checkInside(String text, String key) {
        Path p = resolve(text);
        if (p == null) {
            return "`" + key + ": " + text + "` is not a valid path";
        }
        if (!p.startsWith(lexical)) {
            return "`" + key + ": " + text + "` points outside the project directory " + lexical
                    + "; move the code inside the project";
        }
        Path r = real(text);
        if (r != null && !r.startsWith(real)) {
            return "`" + key + ": " + text + "` is a symlink that leads outside the project directory (to " + r
                    + "); copy the code into the project instead";
        }
        return null;
    }

    /** The real path, or null when it does not exist. */
    Path real(String text) {
        Path p = resolve(text);
        try {
            return p == null ? null : p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** "; did you mean `./x`?" for a top-level directory named like the missing one, else "". */
    String nearDir(String text) {
        Path p = resolve(text);
        if (p == null || p.getFileName() == null) {
            return "";
        }
        try (Stream<Path> children = Files.list(lexical)) {
            List<String> dirs = children.filter(Files::isDirectory).map(c -> c.getFileName().toString()).toList();
            String near = Names.nearMiss(p.getFileName().toString(), dirs);
            return near == null ? "" : "; did you mean `./" + near + "`?";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
