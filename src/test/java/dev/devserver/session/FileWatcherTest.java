package dev.devserver.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watcher on a real folder: what it reports, and that ignored files never hold an edit back. */
class FileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void anEditIsReportedWhileAnIgnoredFileKeepsChanging() throws Exception {
        Path noise = dir.resolve("up.log"); // `up > up.log` in the project folder: a line per request
        Files.writeString(noise, "");
        BlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                try {
                    Files.writeString(noise, "POST / 200\n", java.nio.file.StandardOpenOption.APPEND);
                    Thread.sleep(10); // far more often than the debounce period
                } catch (Exception e) {
                    return;
                }
            }
        });
        try (FileWatcher watcher = new FileWatcher(Set.of(dir), noise::equals, Duration.ofMillis(100), reports::add)) {
            writer.start();
            Thread.sleep(200);
            Files.writeString(dir.resolve("handler.js"), "module.exports = () => 1;\n");
            Set<Path> report = reports.poll(30, TimeUnit.SECONDS);
            assertTrue(writer.isAlive(), "the log kept being written all along");
            assertEquals(Set.of(dir.resolve("handler.js")), report, "the edit is reported although the log never went quiet");
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void severalEventsOfOneSaveAreOneReport() throws Exception {
        BlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
        try (FileWatcher watcher = new FileWatcher(Set.of(dir), path -> path.getFileName().toString().endsWith("~"),
                Duration.ofMillis(100), reports::add)) {
            Path tmp = dir.resolve("handler.js~");
            Files.writeString(tmp, "v1"); // an editor's safe write: scratch file, then moved over the original
            Files.move(tmp, dir.resolve("handler.js"));
            Files.writeString(dir.resolve("handler.js"), "v2");
            assertEquals(Set.of(dir.resolve("handler.js")), reports.poll(30, TimeUnit.SECONDS));
            assertEquals(null, reports.poll(500, TimeUnit.MILLISECONDS), "no second report for the same save");
        }
    }
}
