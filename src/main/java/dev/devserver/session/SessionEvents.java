package dev.devserver.session;

import dev.devserver.observe.Ansi;
import dev.devserver.observe.metrics.KnativeMetrics;
import dev.devserver.serving.ServingEvents;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Serving's notable moments: lines for the terminal, cold starts and pod counts for the metrics. */
final class SessionEvents implements ServingEvents {
    private record Pods(int actual, int desired) {
    }

    private final Consumer<String> terminal;
    private final KnativeMetrics metrics;
    private final String namespace;
    private final Map<String, Pods> pods = new ConcurrentHashMap<>();

    SessionEvents(Consumer<String> terminal, KnativeMetrics metrics, String namespace) {
        this.terminal = terminal;
        this.metrics = metrics;
        this.namespace = namespace;
    }

    @Override
    public void info(String function, String message) {
        terminal.accept(Ansi.yellow(function + ": ") + message);
    }

    @Override
    public void coldStart(String knativeService, String revision, Duration took) {
        metrics.coldStart(namespace, knativeService, revision, took);
    }

    @Override
    public void pods(String knativeService, String revision, int actual, int desired) {
        if (pods.put(revision, new Pods(actual, desired)) == null) {
            metrics.pods(namespace, knativeService, revision, () -> pods.get(revision).actual(),
                    () -> pods.get(revision).desired());
        }
    }
}
