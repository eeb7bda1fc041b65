package dev.devserver.session;

import dev.devserver.image.DockerIgnore;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which changed files hot reload ignores: devserver's own state, VCS folders, editor scratch files, and whatever a
 * function's {@code .dockerignore} or {@code .gitignore} excludes.
 */
final class WatchIgnore implements Predicate<Path> {
    private static final List<String> ALWAYS = List.of(".devserver", ".git", ".hg", ".svn", ".idea", "node_modules");
    private final Supplier<Project> project;
    private final Map<Path, DockerIgnore> rules = new ConcurrentHashMap<>();
    /** Where our own stdout/stderr go when redirected into the project (`up --json > events.jsonl`): never a change. */
    private final List<Path> ownOutput = ownOutputFiles();

    WatchIgnore(Supplier<Project> project) {
        this.project = project;
    }

    private static List<Path> ownOutputFiles() {
        List<Path> files = new ArrayList<>();
        for (String fd : List.of("/proc/self/fd/1", "/proc/self/fd/2")) {
            try {
                files.add(Files.readSymbolicLink(Path.of(fd)));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // not Linux, or not a file: nothing to ignore
            }
        }
        return files;
    }

    @Override
    public boolean test(Path path) {
        if (ownOutput.contains(path)) {
            return true;
        }
        for (Path part : path) {
            if (ALWAYS.contains(part.toString())) {
                return true;
            }
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx") || name.startsWith(".#") || name.equals("4913")) {
            return true;
        }
        for (FunctionSpec f : project.get().functions()) {
            if (path.startsWith(f.source()) && !path.equals(f.source())) {
                String relative = f.source().relativize(path).toString().replace('\\', '/');
                return rules.computeIfAbsent(f.source(), WatchIgnore::read).ignores(relative);
            }
        }
        return false;
    }

    /** .dockerignore rules plus .gitignore's (a gitignore pattern without a slash matches at any depth). */
    private static DockerIgnore read(Path source) {
        List<String> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(source.resolve(".dockerignore"))) {
                lines.addAll(Files.readAllLines(source.resolve(".dockerignore")));
            }
            if (Files.isRegularFile(source.resolve(".gitignore"))) {
                for (String line : Files.readAllLines(source.resolve(".gitignore"))) {
                    String glob = line.strip();
                    boolean anywhere = !glob.isEmpty() && !glob.startsWith("#") && !glob.replaceAll("/$", "").contains("/");
                    lines.add(anywhere ? (glob.startsWith("!") ? "!**/" + glob.substring(1) : "**/" + glob) : glob);
                }
            }
        } catch (IOException e) {
            return DockerIgnore.none();
        }
        return DockerIgnore.parse(lines);
    }
}
