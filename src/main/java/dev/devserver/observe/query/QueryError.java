package dev.devserver.observe.query;

import dev.devserver.DevserverException;

/** Query mistakes name the 1-based column and what was expected there. */
final class QueryError {
    private QueryError() {
    }

    static DevserverException at(int column, String message) {
        return new DevserverException("query: column " + column + ": " + message);
    }
}
