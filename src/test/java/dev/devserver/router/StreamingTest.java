package dev.devserver.router;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingTest extends RouterTestBase {
    private static final long SIZE = 100L * 1024 * 1024;
    private static final long MB = 1024 * 1024;

    @Test
    void hundredMegabyteUploadStreamsWithBackpressureAndFlatHeap() throws Exception {
        AtomicLong received = new AtomicLong();
        // The container stalls for a second before reading: with backpressure the caller must stall too.
        upstreamHandler = req -> {
            req.pause();
            req.handler(b -> received.addAndGet(b.length()));
            req.endHandler(v -> req.response().end(Long.toString(received.get())));
            vertx.setTimer(1000, id -> req.resume());
        };
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong sent = new AtomicLong();
        long sentWhileStalled;
        long heapDuring;
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: " + FN_HOST + "\r\nConnection: close\r\nContent-Length: " + SIZE + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (long done = 0; done < SIZE; done += chunk.length) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            Thread.sleep(800);
            sentWhileStalled = sent.get();
            waitUntil("half sent", () -> sent.get() >= SIZE / 2);
            System.gc();
            heapDuring = memory.getHeapMemoryUsage().getUsed();
            writer.join(60_000);
            InputStream in = socket.getInputStream();
            response = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
        }
        System.out.printf("upload: %d MB sent while container stalled, heap delta %d MB%n", sentWhileStalled / MB, (heapDuring - heapBefore) / MB);
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.endsWith("\r\n\r\n" + SIZE), response);
        assertEquals(SIZE, received.get());
        // Socket buffers on loopback hold a few MB each way; buffering the body would mean ~100 MB.
        assertTrue(sentWhileStalled < 32 * MB, "caller pushed " + sentWhileStalled / MB + " MB while the container read nothing");
        assertTrue(heapDuring - heapBefore < 50 * MB, "heap grew by " + (heapDuring - heapBefore) / MB + " MB");
        waitUntil("record", () -> records.size() == 1);
        assertEquals(SIZE, records.get(0).requestSize());
    }

    @Test
    void hundredMegabyteDownloadStreams() throws Exception {
        upstreamHandler = req -> {
            req.response().putHeader("Content-Length", Long.toString(SIZE));
            Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
            writeChunks(req.response(), chunk, SIZE / chunk.length());
        };
        long total = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /download HTTP/1.1\r\nHost: " + FN_HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        }
        assertTrue(total > SIZE && total < SIZE + 1024, "got " + total);
        waitUntil("record", () -> records.size() == 1);
        assertEquals(SIZE, records.get(0).responseSize());
    }

    /** Writes only while the response's queue has room, as a well-behaved container does. */
    private static void writeChunks(HttpServerResponse response, Buffer chunk, long left) {
        long remaining = left;
        while (remaining > 0 && !response.writeQueueFull()) {
            response.write(chunk);
            remaining--;
        }
        if (remaining == 0) {
            response.end();
            return;
        }
        long next = remaining;
        response.drainHandler(v -> writeChunks(response, chunk, next));
    }
}
