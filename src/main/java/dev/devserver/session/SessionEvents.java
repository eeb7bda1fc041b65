package dev.devserver.session;

import dev.devserver.observe.metrics.KnativeMetrics;
import dev.devserver.serving.ServingEvents;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serving's notable moments: notices for the listener, cold starts and pod counts for the metrics. */
final class SessionEvents implements ServingEvents {
    private record Pods(int actual, int desired) {
    }

    private final SessionListener listener;
    private final KnativeMetrics metrics;
    private final String namespace;
    private final Map<String, Pods> pods = new ConcurrentHashMap<>();

    SessionEvents(SessionListener listener, KnativeMetrics metrics, String namespace) {
        this.listener = listener;
        this.metrics = metrics;
        this.namespace = namespace;
    }

    @Override
    public void info(String function, String message) {
        listener.notice(function, message);
    }

    @Override
    public void coldStart(String knativeService, String revision, Duration took) {
        metrics.coldStart(namespace, knativeService, revision, took);
    }

    @Override
    public void pods(String knativeService, String revision, int actual, int desired) {
        metrics.podsNow(knativeService, revision, actual);
        if (pods.put(revision, new Pods(actual, desired)) == null) {
            metrics.pods(namespace, knativeService, revision, () -> pods.get(revision).actual(),
                    () -> pods.get(revision).desired());
        }
    }
}
