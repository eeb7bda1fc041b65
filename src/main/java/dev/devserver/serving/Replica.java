package dev.devserver.serving;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One container of a revision: its lifecycle state, the requests it is serving right now and its last output lines.
 * The state changes only through {@link #move} and {@link #stop}, along the transitions below, so two threads
 * (a launch, the autoscaler, the log follower) can never both claim or resurrect the same container.
 */
final class Replica {
    enum State { CREATED, STARTING, READY, FROZEN, STOPPED }

    /**
     * CREATED (a standby, not started) → STARTING → READY ⇄ FROZEN (paused); FROZEN → STARTING when thawed; any
     * state → STOPPED, which is final.
     */
    static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.CREATED, EnumSet.of(State.STARTING, State.STOPPED),
            State.STARTING, EnumSet.of(State.READY, State.STOPPED),
            State.READY, EnumSet.of(State.FROZEN, State.STOPPED),
            State.FROZEN, EnumSet.of(State.STARTING, State.READY, State.STOPPED),
            State.STOPPED, EnumSet.noneOf(State.class));

    static final int TAIL = 20;
    final String containerId;
    final String name;
    volatile Endpoint endpoint;
    volatile Endpoint bridgeEndpoint;
    /** The debugger's published loopback port under `up --debug`, else null. */
    volatile Endpoint debugEndpoint;
    /** The pause container whose network it joined (removed with it), or null: a network of its own. */
    volatile PauseContainers.Pause pause;
    final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile State state = State.CREATED;
    volatile long lastUsedNanos = System.nanoTime();
    /**
     * Held around the engine's pause and unpause: a freeze pauses on serving's threads after the replica went FROZEN,
     * so a request may thaw it before the pause ran ({@code paused} says whether the engine paused it).
     */
    final Object pauseLock = new Object();
    boolean paused;

    /** A created container; its endpoint is known once it started. */
    Replica(String containerId, String name) {
        this.containerId = containerId;
        this.name = name;
    }

    State state() {
        return state;
    }

    /** Moves {@code from} → {@code to} if the replica is in {@code from} and the transition is allowed. */
    synchronized boolean move(State from, State to) {
        if (state != from || !TRANSITIONS.get(from).contains(to)) {
            return false;
        }
        state = to;
        return true;
    }

    /** Takes the replica out of service for good; returns the state it was in. */
    synchronized State stop() {
        State before = state;
        state = State.STOPPED;
        return before;
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
