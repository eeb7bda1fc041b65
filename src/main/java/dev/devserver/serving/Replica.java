package dev.devserver.serving;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One container of a revision: its state, the requests it is serving right now and its last output lines. */
final class Replica {
    enum State { CREATED, STARTING, READY, FROZEN, STOPPED }

    private static final int TAIL = 20;
    final String containerId;
    final String name;
    volatile Endpoint endpoint;
    volatile Endpoint bridgeEndpoint;
    final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<String> tail = new ArrayDeque<>();
    volatile State state = State.STARTING;
    volatile long lastUsedNanos = System.nanoTime();

    Replica(String containerId, String name, Endpoint endpoint) {
        this.containerId = containerId;
        this.name = name;
        this.endpoint = endpoint;
    }

    boolean ready() {
        return state == State.READY;
    }

    /** Counts as capacity being brought up or available (for scaling decisions). */
    boolean live() {
        return state == State.STARTING || state == State.READY;
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
