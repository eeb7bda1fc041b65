package dev.devserver.observe.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Searching the project's logs (request-log lines and container output lines, both JSON objects) with a
 * Kibana-like query: {@code field:value}, {@code field:"quoted"}, {@code message:/regex/}, AND, OR, NOT, parentheses.
 * Implemented by the observe stage; read by the API, the dev UI and `devserver logs`.
 */
public interface LogSearch {
    /**
     * @param function only lines of this function (null: all)
     * @param query    the query, blank for everything; a bad query throws DevserverException with a clear message
     * @param since    oldest timestamp to include (null: no bound)
     * @param limit    at most this many lines, the newest ones, returned oldest first
     */
    default List<ObjectNode> search(String function, String query, Instant since, int limit) {
        return search(function, query, since, null, limit);
    }

    /** As above, with {@code until} the end of the time range (exclusive; null: no bound). */
    List<ObjectNode> search(String function, String query, Instant since, Instant until, int limit);

    /** Every matching line in {@code [since, until)} to {@code each}, file by file (not in time order), for charts. */
    void scan(String function, String query, Instant since, Instant until, Consumer<ObjectNode> each);

    /** Calls {@code listener} for every new matching line until the returned handle is closed. */
    AutoCloseable follow(String function, String query, Consumer<ObjectNode> listener);
}
