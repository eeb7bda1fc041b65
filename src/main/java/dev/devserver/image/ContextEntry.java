package dev.devserver.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * One entry of a build context: its path inside the tar and where its bytes come from, a file on disk, bytes devserver
 * made, or the target of a symbolic link (archived as a link, as Docker does; its target is never read).
 */
record ContextEntry(String path, Path file, byte[] content, boolean executable, String linkTarget,
                    long length, long modifiedNanos) {
    /** @param attrs the file's attributes as the walk saw them: what {@link DigestCache} compares */
    static ContextEntry of(String path, Path file, BasicFileAttributes attrs) {
        return new ContextEntry(path, file, null, Files.isExecutable(file), null, attrs.size(),
                attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    static ContextEntry generated(String path, byte[] content) {
        return new ContextEntry(path, null, content, false, null, content.length, 0);
    }

    static ContextEntry link(String path, String target) {
        return new ContextEntry(path, null, null, false, target, 0, 0);
    }

    /** The same bytes (or link) under another path. */
    ContextEntry withPath(String other) {
        return new ContextEntry(other, file, content, executable, linkTarget, length, modifiedNanos);
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

    /** The size now (the tar header needs it; the file may have changed since the walk). */
    long size() throws IOException {
        return content != null ? content.length : file != null ? Files.size(file) : 0;
    }
}
