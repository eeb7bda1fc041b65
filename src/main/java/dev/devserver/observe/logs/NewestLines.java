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
    private final PriorityQueue<Timed> newest = new PriorityQueue<>(OLDEST_FIRST);
    private long seen;

    public NewestLines(int limit) {
        this.limit = Math.max(0, limit);
    }

    @Override
    public void accept(ObjectNode line) {
        Timed timed = new Timed(LineFields.epochMillis(line), seen++, line);
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
