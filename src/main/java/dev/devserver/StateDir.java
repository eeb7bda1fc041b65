package dev.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A project's local state, {@code .devserver/} beside its serverless.yml: logs, secrets, TLS material. Never committed. */
public final class StateDir {
    private final Path root;

    public StateDir(Path projectDir) {
        this.root = projectDir.resolve(".devserver");
    }

    public Path root() {
        return root;
    }

    /** The sub-folder {@code name}, created if needed (with the state folder and its {@code .gitignore} of *). */
    public Path folder(String name) {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                Files.writeString(root.resolve(".gitignore"), "*\n");
            }
            Path folder = root.resolve(name);
            Files.createDirectories(folder);
            return folder;
        } catch (IOException e) {
            throw new DevserverException("Cannot write devserver's state folder " + root + ": " + e.getMessage()
                    + ". Make it writable (or remove it) and try again.");
        }
    }

    /** Like {@link #folder} but readable only by its owner (0700), for secrets and keys. */
    public Path privateFolder(String name) {
        Path folder = folder(name);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new DevserverException("Cannot restrict " + folder + " to its owner: " + e.getMessage());
        }
        return folder;
    }
}
