package dev.devserver.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.logs.LogSearch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SampledLogsTest {
    /** 100,000 lines, counting how many were made: a sample must stop the read, not only skip what it reads. */
    private static final class Counted implements LogSearch {
        int made;

        @Override
        public void scan(String function, String query, Instant since, Instant until, Consumer<ObjectNode> each) {
            for (int i = 0; i < 100_000; i++) {
                made++;
                each.accept(JsonNodeFactory.instance.objectNode().put("n", i));
            }
        }

        @Override
        public List<ObjectNode> search(String function, String query, Instant since, Instant until, int limit) {
            throw new UnsupportedOperationException("the sample answers searches from its scan");
        }

        @Override
        public AutoCloseable follow(String function, String query, Consumer<ObjectNode> listener) {
            return () -> { };
        }
    }

    @Test
    void aScanEndsAfterTheBudget() {
        Counted logs = new Counted();
        List<ObjectNode> seen = new ArrayList<>();
        new SampledLogs(logs, 5_000).scan(null, null, null, null, seen::add);
        assertEquals(5_000, seen.size());
        assertEquals(5_000, logs.made);
        assertEquals(4_999, seen.get(seen.size() - 1).get("n").asInt());
    }

    @Test
    void aSearchTakesTheSmallerOfItsLimitAndTheBudget() {
        assertEquals(20, new SampledLogs(new Counted(), 5_000).search(null, null, null, null, 20).size());
        assertEquals(5_000, new SampledLogs(new Counted(), 5_000).search(null, null, null, null, 50_000).size());
    }
}
