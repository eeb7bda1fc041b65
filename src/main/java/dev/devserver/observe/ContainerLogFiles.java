package dev.devserver.observe;

import dev.devserver.serving.ContainerOutput;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps each function's container output in {@code .devserver/logs/<function>.log} (one JSON line per output line,
 * so it can be searched like the request log) and shows it in the terminal prefixed with the function's name.
 */
public final class ContainerLogFiles implements ContainerOutput, AutoCloseable {
    private final Path folder;
    private final Consumer<String> terminal;
    private final Map<String, Writer> writers = new ConcurrentHashMap<>();
    private volatile boolean reportedFailure;

    public ContainerLogFiles(Path folder, Consumer<String> terminal) {
        this.folder = folder;
        this.terminal = terminal;
    }

    @Override
    public void line(String function, String revision, boolean stderr, String text) {
        terminal.accept(Ansi.dim(function + " │ ") + text);
        String json = "{\"timestamp\":\"" + Instant.now() + "\",\"function\":" + Json.quote(function)
                + ",\"revision\":" + Json.quote(revision) + ",\"stream\":\"" + (stderr ? "stderr" : "stdout")
                + "\",\"message\":" + Json.quote(text) + "}\n";
        try {
            Writer writer = writers.computeIfAbsent(function, this::open);
            synchronized (writer) {
                writer.write(json);
                writer.flush();
            }
        } catch (IOException | RuntimeException e) {
            if (!reportedFailure) {
                reportedFailure = true;
                System.err.println("devserver: cannot write container logs to " + folder + " (" + e.getMessage()
                        + "); functions keep serving, logs are shown here only.");
            }
        }
    }

    private Writer open(String function) {
        try {
            return Files.newBufferedWriter(folder.resolve(function + ".log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        writers.values().forEach(w -> {
            try {
                w.close();
            } catch (IOException ignored) {
                // closing at shutdown; nothing to recover
            }
        });
    }
}
