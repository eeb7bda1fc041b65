package dev.devserver.session;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Watches folder trees and reports the files that changed, once they have been quiet for the debounce period
 * (an editor's save is often several events). New sub-folders are watched as they appear. Only changes that count
 * keep the period open: a log line devserver's own output writes into the project folder on every request must not
 * hold back an edit for as long as requests keep coming.
 */
final class FileWatcher implements AutoCloseable {
    /**
     * How long the files must be quiet before an edit is rolled out: an editor's save (scratch file, rename, write)
     * takes a few milliseconds; every millisecond more is felt between saving and seeing the change.
     */
    static final Duration DEBOUNCE = Duration.ofMillis(50);
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Predicate<Path> ignored;
    private final Duration debounce;
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;

    FileWatcher(Set<Path> roots, Predicate<Path> ignored, Duration debounce, Consumer<Set<Path>> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.ignored = ignored;
        this.debounce = debounce;
        this.onChange = onChange;
        for (Path root : roots) {
            registerTree(root);
        }
        this.thread = new Thread(this::run, "file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                if (!ignored.test(dir)) {
                    folders.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                }
            }
        }
    }

    private void run() {
        Set<Path> changed = new LinkedHashSet<>();
        long quietAt = 0;
        try {
            while (true) {
                long left = quietAt - System.nanoTime();
                WatchKey key = changed.isEmpty() ? service.take()
                        : left > 0 ? service.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) { // quiet for the debounce period
                    onChange.accept(Set.copyOf(changed));
                    changed.clear();
                    continue;
                }
                if (collect(key, changed)) {
                    quietAt = System.nanoTime() + debounce.toNanos();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stop) {
            // closed
        }
    }

    /** @return whether the key held a change that is not ignored */
    private boolean collect(WatchKey key, Set<Path> changed) {
        boolean counted = false;
        Path dir = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (ignored.test(path)) {
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                try {
                    registerTree(path);
                } catch (IOException e) {
                    // the folder vanished again; nothing to watch
                }
            }
            changed.add(path);
            counted = true;
        }
        if (!key.reset()) {
            folders.remove(key);
        }
        return counted;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing at shutdown
        }
        thread.interrupt();
    }
}
