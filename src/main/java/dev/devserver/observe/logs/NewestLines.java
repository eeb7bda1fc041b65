package dev.devserver.observe.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.stats.LineFields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The newest {@code limit} of the lines it is fed, by timestamp (lines without one count as the oldest; equal times
 * keep the order they came in), whatever order the files are read in: a search's results, from the same scan that
 * counts the page's histogram.
 */
public final class NewestLines implements Consumer<ObjectNode> {
    private record Timed(long at, long order, ObjectNode line) {
    }

    private static final Comparator<Timed> OLDEST_FIRST = Comparator.comparingLong(Timed::at).thenComparingLong(Timed::order);

    private final int limit;
    private final long step; // 1: fed oldest first; -1: fed newest first, so a line fed later ties as the older one
    private final PriorityQueue<Timed> newest = new PriorityQueue<>(OLDEST_FIRST);
    private long seen;

    public NewestLines(int limit) {
        this(limit, 1);
    }

    private NewestLines(int limit, long step) {
        this.limit = Math.max(0, limit);
        this.step = step;
    }

    /** For lines fed in exactly the reverse of the order {@code new NewestLines(limit)} would be fed them. */
    static NewestLines fedNewestFirst(int limit) {
        return new NewestLines(limit, -1);
    }

    /** Whether a line at {@code epochMillis} could still be kept: false once every line kept is newer. */
    boolean mayKeep(long epochMillis) {
        return newest.size() < limit || limit > 0 && epochMillis >= newest.peek().at();
    }

    @Override
    public void accept(ObjectNode line) {
        Timed timed = new Timed(LineFields.epochMillis(line), seen, line);
        seen += step;
        if (newest.size() < limit) {
            newest.add(timed);
        } else if (limit > 0 && OLDEST_FIRST.compare(timed, newest.peek()) > 0) {
            newest.poll();
            newest.add(timed);
        }
    }

    /** Oldest first. */
    public List<ObjectNode> lines() {
        List<Timed> sorted = new ArrayList<>(newest);
        sorted.sort(OLDEST_FIRST);
        return sorted.stream().map(Timed::line).toList();
    }
}
