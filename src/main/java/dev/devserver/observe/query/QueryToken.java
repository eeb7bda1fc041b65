package dev.devserver.observe.query;

/**
 * One token of a log query. For a {@link Kind#TERM}: {@code field} is null for a bare term, {@code op} is
 * {@code :}, {@code >=}, {@code >}, {@code <=} or {@code <}, and {@code style} says how the value was written.
 *
 * @param column 1-based column of the token's first character
 */
record QueryToken(Kind kind, int column, String field, String op, String value, Style style) {
    enum Kind { LPAREN, RPAREN, AND, OR, NOT, TERM, END }

    enum Style { PLAIN, QUOTED, REGEX }

    static QueryToken symbol(Kind kind, int column) {
        return new QueryToken(kind, column, null, null, null, null);
    }

    String describe() {
        return switch (kind) {
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case AND, OR, NOT -> kind.name();
            case END -> "end of query";
            case TERM -> "'" + (field == null ? "" : field + op) + value + "'";
        };
    }
}
