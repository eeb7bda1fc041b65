package dev.devserver.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files only their owner can read, without a moment where they are readable by others or half-written. */
public final class PrivateFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE = PosixFilePermissions.asFileAttribute(OWNER_ONLY);

    private PrivateFiles() {
    }

    /** The temp file is born 0600 (the umask can only remove bits) beside the target, then renamed over it atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part", OWNER_ONLY_ATTRIBUTE);
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
