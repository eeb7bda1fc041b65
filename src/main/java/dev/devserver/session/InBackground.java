package dev.devserver.session;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands items to a slow consumer (a terminal) on its own thread, so event loops never wait for it. When the consumer
 * falls far behind, items are skipped and counted: this is for views, never for the record of truth (the log file).
 */
public final class InBackground<T> implements Consumer<T> {
    private final BlockingQueue<T> queue = new ArrayBlockingQueue<>(4096);
    private final AtomicLong skipped = new AtomicLong();

    public InBackground(String name, Consumer<T> consumer, Consumer<String> onSkipped) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    consumer.accept(queue.take());
                    long lost = skipped.getAndSet(0);
                    if (lost > 0) {
                        onSkipped.accept("… " + lost + " more not shown (see the log file)");
                    }
                }
            } catch (InterruptedException stop) {
                // daemon thread ends with the process
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(T item) {
        if (!queue.offer(item)) {
            skipped.incrementAndGet();
        }
    }
}
