package dev.devserver.observe.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows log files like {@code tail -F}: polls every 200 ms (portable, and cheap for a handful of files), hands on
 * each new complete line, keeps a partly written line for the next poll, and after a rotation finishes the old file
 * (now {@code .1}) before reading the new one from its start. Files present at the start are read from their end;
 * files that appear later (a new function's log) from their beginning. Closing stops the daemon thread.
 */
final class LogTail implements AutoCloseable {
    static final long POLL_MILLIS = 200;

    private final Supplier<List<Path>> sources;
    private final Consumer<String> lines;
    private final Map<Path, Position> positions = new HashMap<>(); // poller thread only
    private final Thread poller;
    private volatile boolean closed;

    private record Position(Object fileKey, long offset) {
    }

    LogTail(Supplier<List<Path>> sources, Consumer<String> lines) {
        this.sources = sources;
        this.lines = lines;
        for (Path file : sources.get()) {
            BasicFileAttributes attrs = attributes(file);
            if (attrs != null) {
                positions.put(file, new Position(attrs.fileKey(), attrs.size()));
            }
        }
        this.poller = new Thread(this::run, "devserver-log-follow");
        poller.setDaemon(true);
        poller.start();
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(POLL_MILLIS);
                sources.get().forEach(this::poll);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a listener or file hiccup must not end the follow; the next poll tries again
            }
        }
    }

    private void poll(Path file) {
        BasicFileAttributes attrs = attributes(file);
        if (attrs == null) {
            return;
        }
        Position at = positions.getOrDefault(file, new Position(attrs.fileKey(), 0));
        if (at.fileKey() != null && !at.fileKey().equals(attrs.fileKey())) {
            finishRotated(file, at);
            at = new Position(attrs.fileKey(), 0);
        } else if (attrs.size() < at.offset()) {
            at = new Position(attrs.fileKey(), 0); // truncated or replaced without a file key to tell
        }
        positions.put(file, new Position(attrs.fileKey(), readFrom(file, at.offset())));
    }

    /**
     * The file we were reading was renamed to {@code .1}, or further when several rotations happened within one poll:
     * deliver its last lines, then the whole of every younger rotated file we never saw.
     */
    private void finishRotated(Path file, Position at) {
        for (int n = RotatingFile.DEFAULT_KEEP; n >= 1; n--) {
            BasicFileAttributes attrs = attributes(RotatingFile.generation(file, n));
            if (attrs != null && Objects.equals(attrs.fileKey(), at.fileKey())) {
                readFrom(RotatingFile.generation(file, n), at.offset());
                for (int younger = n - 1; younger >= 1; younger--) {
                    readFrom(RotatingFile.generation(file, younger), 0);
                }
                return;
            }
        }
    }

    /** Delivers the complete lines after {@code offset}; returns the offset after the last one. */
    private long readFrom(Path file, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return offset;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 8L * 1024 * 1024)];
            in.seek(offset);
            in.readFully(bytes);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long consumed = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    deliver(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    consumed = i + 1;
                } else {
                    line.write(bytes[i]);
                }
            }
            return offset + consumed;
        } catch (IOException e) {
            return offset; // gone between the check and the read: try again next poll
        }
    }

    private void deliver(String line) {
        if (closed) {
            return;
        }
        try {
            lines.accept(line);
        } catch (RuntimeException e) {
            // the listener's failure (say, a closed HTTP stream) must not stop or repeat the follow
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}
