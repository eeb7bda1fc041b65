package dev.devserver.render;

import dev.devserver.DevserverException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code render -o DIR}: one file per object. A file is replaced only when an earlier render wrote it (its
 * first line is {@link #MARKER}); anything else is the user's and is left alone unless they pass {@code --force}.
 */
public final class ManifestFiles {
    public static final String MARKER = "# Rendered by devserver render: the next render replaces this file.";

    public enum Outcome { CREATED, UPDATED, OVERWROTE_USER_FILE }

    public record Written(Path file, Outcome outcome) {
    }

    private ManifestFiles() {
    }

    /** @throws DevserverException before writing anything, naming every file that is not an earlier render */
    public static List<Written> write(Path dir, List<Manifest> manifests, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DevserverException(dir + " is not a directory: give -o a directory to write the manifests into");
        }
        List<Path> foreign = new ArrayList<>();
        for (Manifest m : manifests) {
            Path target = dir.resolve(m.fileName());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEarlierRender(target)) {
                foreign.add(target);
            }
        }
        if (!foreign.isEmpty() && !force) {
            throw new DevserverException("not writing: these files were not written by devserver render and would be"
                    + " replaced:\n  " + String.join("\n  ", foreign.stream().map(Path::toString).toList())
                    + "\nmove them away, choose another -o directory, or pass --force to replace them");
        }
        List<Written> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Manifest m : manifests) {
                Path target = dir.resolve(m.fileName());
                Outcome outcome = foreign.contains(target) ? Outcome.OVERWROTE_USER_FILE
                        : Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? Outcome.UPDATED : Outcome.CREATED;
                replace(target, MARKER + "\n" + ManifestYaml.document(m), m.kind() == Manifest.Kind.SECRET);
                written.add(new Written(target, outcome));
            }
        } catch (IOException e) {
            throw new DevserverException("cannot write manifests to " + dir + ": " + e.getMessage());
        }
        return written;
    }

    /** A symbolic link is never an earlier render: writing through it would change a file elsewhere. */
    private static boolean isEarlierRender(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return MARKER.equals(reader.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    /** Via a temporary file and a rename, so a reader never sees half a manifest; Secret files are owner-only. */
    private static void replace(Path target, String text, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".render-", ".tmp");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // rename(2) replaces the target itself, a symbolic link included, never the file a link points to.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
