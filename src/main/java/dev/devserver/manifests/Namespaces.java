package dev.devserver.manifests;

import dev.devserver.DevserverException;
import dev.devserver.StateDir;
import dev.devserver.project.Mode;
import dev.devserver.project.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The namespaces a devserver serves. `up` serves one, the project's, for as long as it runs. `devserver cluster` serves
 * {@code default} and every namespace created through the API, kept as files in {@code .devserver/namespaces/} (the
 * file's time is the namespace's creation time) so the next start serves them again.
 */
public final class Namespaces {
    /** Kubernetes' rule for namespace names: an RFC 1123 label. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private final Project project;
    private final Instant started = Instant.now();

    public Namespaces(Project project) {
        this.project = project;
    }

    /** False for `up`: its only namespace is the project's. */
    public boolean creatable() {
        return project.mode() == Mode.CLUSTER;
    }

    public String primary() {
        return project.namespace();
    }

    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(List.of(project.namespace()));
        if (creatable() && Files.isDirectory(folder())) {
            try (Stream<Path> files = Files.list(folder())) {
                files.map(f -> f.getFileName().toString()).filter(n -> LABEL.matcher(n).matches()).forEach(names::add);
            } catch (IOException e) {
                throw new DevserverException("Cannot read " + folder() + ": " + e.getMessage() + ". Make it readable.");
            }
        }
        return new ArrayList<>(names);
    }

    public boolean exists(String name) {
        return name.equals(project.namespace()) || creatable() && LABEL.matcher(name).matches()
                && Files.exists(folder().resolve(name));
    }

    /** When the namespace was made (for the primary one of `up`: when `up` started). */
    public Instant created(String name) {
        try {
            return exists(name) && creatable() && !name.equals(project.namespace())
                    ? Files.getLastModifiedTime(folder().resolve(name)).toInstant() : started;
        } catch (IOException e) {
            return started;
        }
    }

    /** Why the name cannot be a namespace's, or empty. */
    public static Optional<String> nameProblem(String name) {
        if (name.length() > 63 || !LABEL.matcher(name).matches()) {
            return Optional.of("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
                    + " must start and end with an alphanumeric character (at most 63 characters)");
        }
        return Optional.empty();
    }

    public void create(String name) {
        if (!creatable()) {
            throw new IllegalStateException("`up` serves one namespace");
        }
        Path file = new StateDir(project.dir()).folder("namespaces").resolve(name);
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new DevserverException("Cannot write " + file + ": " + e.getMessage() + ". Make .devserver/ writable.");
        }
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(folder().resolve(name));
        } catch (IOException e) {
            throw new DevserverException("Cannot delete " + folder().resolve(name) + ": " + e.getMessage());
        }
    }

    private Path folder() {
        return new StateDir(project.dir()).root().resolve("namespaces");
    }
}
