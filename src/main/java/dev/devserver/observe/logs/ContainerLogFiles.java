package dev.devserver.observe.logs;

import dev.devserver.serving.ContainerOutput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each function's container output in {@code .devserver/logs/<function>.log} (one JSON line per output line,
 * so it can be searched like the request log).
 * Each file is bounded: past {@code maxBytes} it rotates (see {@link RotatingFile}); a line is one write, never torn.
 */
public final class ContainerLogFiles implements ContainerOutput, AutoCloseable {
    private final Path folder;
    private final long maxBytes;
    private final Map<String, RotatingFile> files = new ConcurrentHashMap<>();
    private volatile boolean reportedFailure;

    /** @param maxBytes size at which a function's log rotates to {@code .1} (three rotated files are kept) */
    public ContainerLogFiles(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    @Override
    public void line(String function, String revision, boolean stderr, String text) {
        String json = LogLines.line(LogLines.container(Instant.now(), function, revision, stderr, text)) + "\n";
        try {
            files.computeIfAbsent(function, f -> new RotatingFile(LogFolder.container(folder, f), maxBytes,
                    RotatingFile.DEFAULT_KEEP)).append(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (!reportedFailure) {
                reportedFailure = true;
                System.err.println("devserver: cannot write container logs to " + folder + " (" + e.getMessage()
                        + "); functions keep serving, logs are shown here only.");
            }
        }
    }

    @Override
    public void close() {
        files.values().forEach(RotatingFile::close);
    }
}
