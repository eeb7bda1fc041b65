package dev.devserver.image;

import dev.devserver.DevserverException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the {@code runtimes/} folder holding one template folder per runtime alias:
 * {@code $DEVSERVER_RUNTIMES}, else the {@code runtimes/} beside the devserver installation (walking up from the jar).
 */
public final class RuntimeCatalog {
    private final Path root;

    public RuntimeCatalog(Path root) {
        this.root = root;
    }

    public static RuntimeCatalog locate() {
        String configured = System.getenv("DEVSERVER_RUNTIMES");
        if (configured != null && !configured.isBlank()) {
            return new RuntimeCatalog(Paths.get(configured).toAbsolutePath());
        }
        for (Path start : new Path[]{installationDir(), Paths.get("").toAbsolutePath()}) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("runtimes/gitlab"))) {
                    return new RuntimeCatalog(dir.resolve("runtimes"));
                }
            }
        }
        throw new DevserverException("Cannot find devserver's runtimes/ folder. Set DEVSERVER_RUNTIMES to the runtimes/ folder of your devserver checkout.");
    }

    private static Path installationDir() {
        try {
            return Paths.get(RuntimeCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (Exception e) {
            return null;
        }
    }

    public Path root() {
        return root;
    }

    /** The template folder of a runtime alias such as {@code gitlab/runtimes/nodejs}. */
    public Path folder(String alias) {
        Path folder = root.resolve(alias).normalize();
        if (!folder.startsWith(root) || !Files.isRegularFile(folder.resolve("Dockerfile.template"))) {
            throw new DevserverException("Runtime " + alias + " has no template in " + folder + ".");
        }
        return folder;
    }

    /** Files every runtime's build context gets as {@code _shared/} (the classic watchdog, ...). */
    public Path shared() {
        return root.resolve("_shared");
    }
}
