package dev.devserver.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies an example project into a fresh folder, so each test starts without state and may edit files. */
public final class TestProjects {
    private TestProjects() {
    }

    /** @param name a folder under src/test/resources/projects, or "sample-functions" */
    public static Path copy(String name, Path target) {
        Path source = name.equals("sample-functions") ? Engine.CHECKOUT.resolve(name)
                : Engine.CHECKOUT.resolve("src/test/resources/projects").resolve(name);
        Path dir = target.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith(".devserver")) {
                    continue;
                }
                Path copy = dir.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
