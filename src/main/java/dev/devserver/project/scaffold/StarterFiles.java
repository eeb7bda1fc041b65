package dev.devserver.project.scaffold;

import dev.devserver.DevserverException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A starter's files written into the function's folder, and removed again if serverless.yml cannot take it. */
record StarterFiles(Path folder, boolean createdFolder, List<Path> files) {

    static StarterFiles write(Starter starter, String function, Path folder) {
        boolean created = !Files.exists(folder);
        List<Path> files = new ArrayList<>();
        StarterFiles written = new StarterFiles(folder, created, files);
        try {
            for (Starter.StarterFile file : starter.files()) {
                Path target = folder.resolve(file.target(function));
                Files.createDirectories(target.getParent());
                try (InputStream in = Scaffold.resource(starter.resourcePath(file))) {
                    Files.copy(in, target);
                }
                files.add(target);
            }
            return written;
        } catch (IOException e) {
            written.remove();
            throw new DevserverException("Cannot write " + folder + ": " + e.getMessage());
        }
    }

    /** Deletes what {@link #write} made: everything in the folder (it was empty or absent), and the folder if it made it. */
    void remove() {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (createdFolder || !p.equals(folder)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // best effort: the error being reported matters more
        }
    }
}
