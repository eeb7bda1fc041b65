package dev.devserver.serving;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One running container of a revision, with the requests it is serving right now and its last output lines. */
final class Replica {
    private static final int TAIL = 20;
    final String containerId;
    final String name;
    final Endpoint endpoint;
    final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<String> tail = new ArrayDeque<>();
    volatile boolean ready;
    volatile boolean stopping;

    Replica(String containerId, String name, Endpoint endpoint) {
        this.containerId = containerId;
        this.name = name;
        this.endpoint = endpoint;
    }

    void remember(String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
        }
    }

    List<String> lastLines() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
