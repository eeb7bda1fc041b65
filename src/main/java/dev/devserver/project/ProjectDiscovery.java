package dev.devserver.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the project a command run in {@code start} means, the way git finds its repository: the nearest folder
 * upward with a {@code serverless.yml}; failing that, the nearest with a {@code Dockerfile} (an application).
 * serverless.yml is looked for first all the way up because a Dockerfile function's own folder has a Dockerfile too.
 */
public final class ProjectDiscovery {
    private ProjectDiscovery() {
    }

    /** The project directory; a DevserverException naming every folder it looked in when there is none. */
    public static Path find(Path start) {
        List<Path> looked = upward(start);
        return nearestWith(looked, ProjectLoader.SERVERLESS_FILE)
                .or(() -> nearestWith(looked, "Dockerfile"))
                .orElseThrow(() -> ProjectLoader.noProject(looked.get(0), looked));
    }

    /** The nearest serverless.yml upward from {@code start}, if any (for `init`, which may create one instead). */
    public static Optional<Path> serverlessFile(Path start) {
        return nearestWith(upward(start), ProjectLoader.SERVERLESS_FILE).map(dir -> dir.resolve(ProjectLoader.SERVERLESS_FILE));
    }

    private static List<Path> upward(Path start) {
        List<Path> dirs = new ArrayList<>();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            dirs.add(dir);
        }
        return dirs;
    }

    private static Optional<Path> nearestWith(List<Path> dirs, String file) {
        return dirs.stream().filter(dir -> Files.isRegularFile(dir.resolve(file))).findFirst();
    }
}
