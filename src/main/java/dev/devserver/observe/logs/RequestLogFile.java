package dev.devserver.observe.logs;

import dev.devserver.router.RequestRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Appends each {@link RequestRecord} as one JSON line to a file (e.g. {@code .devserver/logs/requests.jsonl}).
 * Callers (event loops) only enqueue; one daemon thread writes, so a slow disk never stalls a request.
 * Lines are written whole, in one unbuffered write per batch, so readers never see a torn line and
 * nothing sits in a buffer. A file that cannot be written is reported once on stderr; serving goes on.
 * The file is bounded: past {@code maxBytes} it rotates (see {@link RotatingFile}).
 */
public final class RequestLogFile implements Consumer<RequestRecord>, AutoCloseable {
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int MAX_BATCH = 512;

    private final Path path;
    private final BlockingQueue<RequestRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean reported = new AtomicBoolean();
    private final Thread writer;
    private volatile boolean closing;
    private final RotatingFile file; // written by the writer thread only

    public RequestLogFile(Path path) {
        this(path, RotatingFile.DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes size at which the file rotates to {@code .1} (three rotated files are kept) */
    public RequestLogFile(Path path, long maxBytes) {
        this.path = path;
        this.file = new RotatingFile(path, maxBytes, RotatingFile.DEFAULT_KEEP);
        this.writer = new Thread(this::run, "devserver-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    public Path path() {
        return path;
    }

    @Override
    public void accept(RequestRecord record) {
        if (!queue.offer(record)) {
            report("request log queue full, dropping records for " + path);
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<RequestRecord> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                RequestRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                // close() wakes us: fall through to drain what is left
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            } else if (closing) {
                file.close();
                return;
            }
        }
    }

    private void write(List<RequestRecord> batch) {
        StringBuilder lines = new StringBuilder(batch.size() * 400);
        for (RequestRecord record : batch) {
            lines.append(LogLines.line(LogLines.request(record))).append('\n');
        }
        try {
            file.append(lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            file.close(); // reopen on the next batch: the disk may have come back
            report("cannot write request log " + path + ": " + e.getMessage());
        }
    }

    private void report(String message) {
        if (reported.compareAndSet(false, true)) {
            System.err.println("devserver: " + message + " (reported once; requests are still served)");
        }
    }
}
