package dev.devserver.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One entry of a build context: its path inside the tar and where its bytes come from, a file on disk, bytes devserver
 * made, or the target of a symbolic link (archived as a link, as Docker does; its target is never read).
 */
record ContextEntry(String path, Path file, byte[] content, boolean executable, String linkTarget) {
    static ContextEntry of(String path, Path file) {
        return new ContextEntry(path, file, null, Files.isExecutable(file), null);
    }

    static ContextEntry generated(String path, byte[] content) {
        return new ContextEntry(path, null, content, false, null);
    }

    static ContextEntry link(String path, String target) {
        return new ContextEntry(path, null, null, false, target);
    }

    boolean isLink() {
        return linkTarget != null;
    }

    /**
     * The content as a stream. NOFOLLOW_LINKS: a file swapped for a link after the walk fails to open rather than
     * sending what the link points at.
     */
    InputStream open() throws IOException {
        if (content != null) {
            return new ByteArrayInputStream(content);
        }
        if (file == null) {
            return InputStream.nullInputStream();
        }
        return Channels.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    long size() throws IOException {
        return content != null ? content.length : file != null ? Files.size(file) : 0;
    }
}
