package dev.devserver.cli;

import dev.devserver.router.RequestRecord;
import dev.devserver.serving.ServiceStatus;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** `up`'s status line on a terminal: functions ready, requests per second and 5xx errors over the last interval. */
final class LiveSummary implements Consumer<RequestRecord>, AutoCloseable {
    private final StatusLine line;
    private final Duration every;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private ScheduledExecutorService timer;

    LiveSummary(StatusLine line, Duration every) {
        this.line = line;
        this.every = every;
    }

    @Override
    public void accept(RequestRecord record) {
        requests.incrementAndGet();
        if (record.status() >= 500) {
            errors.incrementAndGet();
        }
    }

    /** Starts redrawing; does nothing when stdout is not a terminal (a log file needs no ticker). */
    synchronized void start(Supplier<List<ServiceStatus>> statuses) {
        if (!line.live() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devserver-summary");
            t.setDaemon(true);
            return t;
        });
        line.status(text(statuses.get(), 0, 0));
        timer.scheduleAtFixedRate(() -> line.status(text(statuses.get(), requests.getAndSet(0), errors.getAndSet(0))),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    String text(List<ServiceStatus> statuses, long count, long failed) {
        long ready = statuses.stream().filter(ServiceStatus::ready).count();
        double seconds = every.toMillis() / 1000.0;
        return String.format(Locale.ROOT, "● %d/%d functions ready · %.1f req/s · %d errors (5xx) in the last %.0fs",
                ready, statuses.size(), count / seconds, failed, seconds);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        line.clear();
    }
}
