package dev.devserver.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * `tail -F` for the request log: reads every line appended from now on, across rotations (the live file is renamed
 * to .1 and a new one starts), so a long run can be counted even though rotation keeps only the last 80 MB.
 */
final class LogFollower implements AutoCloseable {
    private final Path path;
    private final Consumer<String> lines;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private FileChannel channel;
    private Object fileKey;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /** Starts at the current end of {@code path}. */
    LogFollower(Path path, Consumer<String> lines) throws IOException {
        this.path = path;
        this.lines = lines;
        open(true);
        thread = new Thread(this::run, "log-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void open(boolean atEnd) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            channel = FileChannel.open(path, StandardOpenOption.READ);
            fileKey = key;
            if (atEnd) {
                channel.position(channel.size());
            }
        } catch (NoSuchFileException notYet) {
            channel = null;
        }
    }

    private void run() {
        try {
            while (!stopping) {
                boolean read = drain();
                if (!read) {
                    rotated();
                    Thread.sleep(50);
                }
            }
            drain();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** @return true when something was read */
    private boolean drain() throws IOException {
        if (channel == null) {
            open(false);
            return channel != null;
        }
        boolean any = false;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return any;
            }
            any = true;
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    partial.write(bytes, start, i - start);
                    lines.accept(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(bytes, start, n - start);
        }
    }

    /** The path now names another file: the old one (read to its end above) was rotated away; follow the new one. */
    private void rotated() throws IOException {
        Object now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException between) {
            return;
        }
        if (channel != null && !now.equals(fileKey)) {
            drain(); // writes to the old file ended before the rename (RotatingFile closes it first)
            if (partial.size() > 0) {
                throw new AssertionError("rotated file ended in a torn line: " + partial.toString(StandardCharsets.UTF_8));
            }
            channel.close();
            open(false);
        }
    }

    /** Reads what is left, stops, and fails if following failed. */
    @Override
    public void close() throws Exception {
        stopping = true;
        thread.join(30_000);
        if (channel != null) {
            channel.close();
        }
        if (failure != null) {
            throw new AssertionError("following " + path + " failed", failure);
        }
        if (partial.size() > 0) {
            throw new AssertionError("the log ends in a torn line: " + partial.toString(StandardCharsets.UTF_8));
        }
    }
}
