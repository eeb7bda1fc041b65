package dev.devserver.observe.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.observe.query.QueryToken.Kind;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A Kibana-like (Lucene syntax) query over JSON log lines: {@code field:value} with dotted paths
 * ({@code httpRequest.status:500}), {@code field:"quoted value"}, {@code message:/regex/}, bare terms, ranges
 * ({@code httpRequest.status>=500}), {@code AND}, {@code OR}, {@code NOT} (uppercase only, as in Lucene),
 * parentheses; terms side by side mean AND. Precedence: NOT, then AND, then OR. See {@link TermMatcher} for values.
 */
public final class LogQuery implements Predicate<ObjectNode> {
    private static final LogQuery ALL = new LogQuery(line -> true);

    private final Predicate<ObjectNode> predicate;

    private LogQuery(Predicate<ObjectNode> predicate) {
        this.predicate = predicate;
    }

    /** Parses a query; blank or null matches every line. A mistake throws DevserverException naming the column. */
    public static LogQuery parse(String query) {
        if (query == null || query.isBlank()) {
            return ALL;
        }
        return new LogQuery(new Parser(QueryLexer.tokens(query)).query());
    }

    @Override
    public boolean test(ObjectNode line) {
        return predicate.test(line);
    }

    /** Recursive descent: query = or END; or = and (OR and)*; and = not ([AND] not)*; not = NOT not | primary. */
    private static final class Parser {
        private final List<QueryToken> tokens;
        private int next;

        Parser(List<QueryToken> tokens) {
            this.tokens = tokens;
        }

        Predicate<ObjectNode> query() {
            Predicate<ObjectNode> result = or();
            QueryToken token = peek();
            if (token.kind() == Kind.RPAREN) {
                throw QueryError.at(token.column(), "unexpected ')' without a matching '('");
            }
            if (token.kind() != Kind.END) {
                throw QueryError.at(token.column(), "expected AND, OR or end of query, found " + token.describe());
            }
            return result;
        }

        private Predicate<ObjectNode> or() {
            Predicate<ObjectNode> left = and();
            while (peek().kind() == Kind.OR) {
                QueryToken op = take();
                left = left.or(operand(op, this::and));
            }
            return left;
        }

        private Predicate<ObjectNode> and() {
            Predicate<ObjectNode> left = not();
            while (true) {
                Kind kind = peek().kind();
                if (kind == Kind.AND) {
                    QueryToken op = take();
                    left = left.and(operand(op, this::not));
                } else if (kind == Kind.TERM || kind == Kind.NOT || kind == Kind.LPAREN) {
                    left = left.and(not()); // terms side by side: implicit AND
                } else {
                    return left;
                }
            }
        }

        private Predicate<ObjectNode> not() {
            if (peek().kind() == Kind.NOT) {
                QueryToken op = take();
                return operand(op, this::not).negate();
            }
            return primary();
        }

        private Predicate<ObjectNode> primary() {
            QueryToken token = take();
            switch (token.kind()) {
                case TERM -> {
                    return TermMatcher.of(token);
                }
                case LPAREN -> {
                    Predicate<ObjectNode> inner = or();
                    QueryToken close = take();
                    if (close.kind() != Kind.RPAREN) {
                        throw QueryError.at(close.column(), "expected ')' to close '(' opened at column "
                                + token.column() + ", found " + close.describe());
                    }
                    return inner;
                }
                default -> throw QueryError.at(token.column(), "expected a search term or '(', found "
                        + token.describe());
            }
        }

        /** The operand after AND/OR/NOT, with an error that names the operator when it is missing. */
        private Predicate<ObjectNode> operand(QueryToken operator, Supplier<Predicate<ObjectNode>> rule) {
            QueryToken token = peek();
            if (token.kind() == Kind.END || token.kind() == Kind.RPAREN || token.kind() == Kind.AND
                    || token.kind() == Kind.OR) {
                throw QueryError.at(token.column(), "expected a search term after " + operator.kind()
                        + " at column " + operator.column() + ", found " + token.describe());
            }
            return rule.get();
        }

        private QueryToken peek() {
            return tokens.get(next);
        }

        private QueryToken take() {
            QueryToken token = tokens.get(next);
            if (token.kind() != Kind.END) {
                next++;
            }
            return token;
        }
    }
}
