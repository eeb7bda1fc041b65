package dev.devserver.observe.logs;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An append-only log file bounded by size: before a write would take it past {@code maxBytes}, it becomes
 * {@code name.1} (older ones shift to {@code .2} … {@code .keep}, the oldest is deleted) and a new file starts.
 * Each {@link #append} is one unbuffered write of whole lines and never spans two files, so readers see no torn line.
 * Synchronized: one instance may be shared by threads.
 */
final class RotatingFile implements AutoCloseable {
    /** Default bound per file; with {@link #DEFAULT_KEEP} rotated files a log takes at most 80 MB. */
    static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    static final int DEFAULT_KEEP = 3;

    private final Path path;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    RotatingFile(Path path, long maxBytes, int keep) {
        if (maxBytes <= 0 || keep < 1) {
            throw new IllegalArgumentException("maxBytes must be positive and keep at least 1");
        }
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    Path path() {
        return path;
    }

    /** {@code base}, {@code base.1}, … {@code base.keep}: the name of the n-th rotated file (0 is the live one). */
    static Path generation(Path base, int n) {
        return n == 0 ? base : base.resolveSibling(base.getFileName() + "." + n);
    }

    synchronized void append(byte[] lines) throws IOException {
        if (out == null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
            size = Files.exists(path) ? Files.size(path) : 0; // the store survives restarts: keep appending
        }
        if (size > 0 && size + lines.length > maxBytes) {
            rotate();
        }
        if (out == null) {
            out = new FileOutputStream(path.toFile(), true);
        }
        out.write(lines);
        size += lines.length;
    }

    private void rotate() throws IOException {
        close();
        Files.deleteIfExists(generation(path, keep));
        for (int n = keep - 1; n >= 0; n--) {
            Path from = generation(path, n);
            if (Files.exists(from)) {
                Files.move(from, generation(path, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        size = 0;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing buffered: every append was written through
            }
            out = null;
        }
    }
}
