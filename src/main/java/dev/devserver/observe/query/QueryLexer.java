package dev.devserver.observe.query;

import dev.devserver.observe.query.QueryToken.Kind;
import dev.devserver.observe.query.QueryToken.Style;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a Kibana-like (Lucene) query into tokens; a term keeps its field, operator and value together. */
final class QueryLexer {
    private static final Set<String> LOWERCASE_OPERATORS = Set.of("and", "or", "not");

    private final String text;
    private int pos;

    private QueryLexer(String text) {
        this.text = text;
    }

    static List<QueryToken> tokens(String text) {
        QueryLexer lexer = new QueryLexer(text);
        List<QueryToken> tokens = new ArrayList<>();
        QueryToken token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private QueryToken next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int column = pos + 1;
        if (pos == text.length()) {
            return QueryToken.symbol(Kind.END, column);
        }
        char c = text.charAt(pos);
        if (c == '(' || c == ')') {
            pos++;
            return QueryToken.symbol(c == '(' ? Kind.LPAREN : Kind.RPAREN, column);
        }
        if (c == '"' || c == '/') {
            return value(column, null, null);
        }
        String word = plainWord();
        int at = operatorAt(word);
        if (at < 0) {
            return bareWord(column, word);
        }
        char first = word.charAt(at);
        boolean orEqual = first != ':' && at + 1 < word.length() && word.charAt(at + 1) == '=';
        return fieldTerm(column, word, at, first + (orEqual ? "=" : ""));
    }

    /** Index of the first unescaped ':', '>' or '<' (they separate a field from its value), or -1. */
    private static int operatorAt(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':' || c == '>' || c == '<') {
                return i;
            }
        }
        return -1;
    }

    private QueryToken fieldTerm(int column, String word, int at, String op) {
        String field = word.substring(0, at);
        if (field.isEmpty()) {
            throw QueryError.at(column, "expected a field name before '" + op + "'");
        }
        pos = pos - word.length() + at + op.length(); // re-read the value: it may be quoted or a regex
        if (pos == text.length() || Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ')') {
            throw QueryError.at(pos + 1, "expected a value after '" + field + op + "'");
        }
        return value(column, field, op);
    }

    private QueryToken bareWord(int column, String word) {
        switch (word) {
            case "AND" -> { return QueryToken.symbol(Kind.AND, column); }
            case "OR" -> { return QueryToken.symbol(Kind.OR, column); }
            case "NOT" -> { return QueryToken.symbol(Kind.NOT, column); }
            default -> { }
        }
        if (LOWERCASE_OPERATORS.contains(word)) {
            throw QueryError.at(column, "operators are uppercase: write " + word.toUpperCase()
                    + " (or \"" + word + "\" to search for the word)");
        }
        return new QueryToken(Kind.TERM, column, null, null, unescape(word), Style.PLAIN);
    }

    /** A value at {@code pos}: {@code "quoted"}, {@code /regex/} or a plain word. */
    private QueryToken value(int column, String field, String op) {
        char c = text.charAt(pos);
        if (c == '"') {
            return new QueryToken(Kind.TERM, column, field, op, delimited('"', "quoted value"), Style.QUOTED);
        }
        if (c == '/' && ":".equals(op == null ? ":" : op)) {
            return new QueryToken(Kind.TERM, column, field, op, delimited('/', "regex"), Style.REGEX);
        }
        return new QueryToken(Kind.TERM, column, field, op, unescape(plainWord()), Style.PLAIN);
    }

    /** Reads up to the closing delimiter; a backslash keeps the next character (a regex keeps the backslash too). */
    private String delimited(char delimiter, String what) {
        int open = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == delimiter) {
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                if (delimiter == '/' && escaped != '/') {
                    value.append('\\');
                }
                value.append(escaped);
            } else {
                value.append(c);
            }
        }
        throw QueryError.at(text.length() + 1, "expected '" + delimiter + "' to close the " + what
                + " opened at column " + (open + 1));
    }

    /** Up to whitespace or a parenthesis; backslash-escaped characters stay in the word. */
    private String plainWord() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                pos += 2;
            } else if (Character.isWhitespace(c) || c == '(' || c == ')') {
                break;
            } else {
                pos++;
            }
        }
        return text.substring(start, pos);
    }

    private static String unescape(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\\' && i + 1 < word.length()) {
                char next = word.charAt(++i);
                // keep the backslash before '*' and '\\' so the matcher reads them as literals, not a wildcard
                out.append(next == '*' || next == '\\' ? "\\" + next : String.valueOf(next));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
