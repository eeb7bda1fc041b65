package dev.devserver.observe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One search term against a JSON line. Like Kibana on analysed text: {@code field:value} matches a value equal to it
 * (numbers numerically, text ignoring case) or containing it as whole words ({@code message:refused}); {@code *} is a
 * wildcard over the whole value ({@code field:*} means the field exists); a quoted value is a phrase with a literal
 * {@code *}; {@code /regex/} is a Java regex found anywhere in the value. A bare term looks in every value of the line.
 */
final class TermMatcher {
    private TermMatcher() {
    }

    static Predicate<ObjectNode> of(QueryToken term) {
        Predicate<String> value = valuePredicate(term);
        if (term.field() == null) {
            return line -> anyValue(line, value);
        }
        String[] path = term.field().split("\\.");
        return line -> {
            List<String> texts = new ArrayList<>();
            collect(resolve(line, term.field(), path), texts);
            return texts.stream().anyMatch(value);
        };
    }

    private static Predicate<String> valuePredicate(QueryToken term) {
        String value = term.value();
        if (!":".equals(term.op()) && term.op() != null) {
            return range(term.op(), value);
        }
        return switch (term.style()) {
            case REGEX -> regex(term);
            case QUOTED -> words(Pattern.quote(value), value, term.field() == null);
            case PLAIN -> plain(value, term.field() == null);
        };
    }

    private static Predicate<String> regex(QueryToken term) {
        try {
            Pattern pattern = Pattern.compile(term.value());
            return text -> pattern.matcher(text).find();
        } catch (PatternSyntaxException e) {
            throw QueryError.at(term.column(), "invalid regex /" + term.value() + "/: " + e.getDescription());
        }
    }

    /** A plain value: a glob when it has an unescaped {@code *}, otherwise equal-or-words. */
    private static Predicate<String> plain(String value, boolean bare) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean wildcard = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                regex.append(Pattern.quote(String.valueOf(next)));
                literal.append(next);
            } else if (c == '*') {
                regex.append(".*");
                wildcard = true;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                literal.append(c);
            }
        }
        if (wildcard) {
            // a bare glob may match inside a value (like a bare word); a field glob covers the whole value
            Pattern pattern = Pattern.compile(bare ? ".*" + regex + ".*" : regex.toString(),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
            return text -> pattern.matcher(text).matches();
        }
        return words(Pattern.quote(literal.toString()), literal.toString(), bare);
    }

    /** Equal (numbers numerically), or the words appear in the text; a bare term may appear anywhere. */
    private static Predicate<String> words(String quoted, String value, boolean bare) {
        String boundary = bare ? "" : "(?<![\\p{L}\\p{N}_])";
        String end = bare ? "" : "(?![\\p{L}\\p{N}_])";
        Pattern pattern = Pattern.compile(boundary + quoted + end, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        BigDecimal number = number(value);
        return text -> text.equalsIgnoreCase(value) || sameNumber(number, text)
                || pattern.matcher(text).find();
    }

    private static Predicate<String> range(String op, String value) {
        BigDecimal bound = number(value);
        return text -> {
            BigDecimal n = number(text);
            int cmp = bound != null && n != null ? n.compareTo(bound) : text.compareTo(value);
            return switch (op) {
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
            };
        };
    }

    /** A dotted path into nested objects; a key that itself contains dots (Kibana's flattened names) also works. */
    private static JsonNode resolve(ObjectNode line, String field, String[] path) {
        if (line.has(field)) {
            return line.get(field);
        }
        JsonNode node = line;
        for (String key : path) {
            node = node == null ? null : node.get(key);
        }
        return node;
    }

    private static boolean anyValue(ObjectNode line, Predicate<String> value) {
        List<String> texts = new ArrayList<>();
        collect(line, texts);
        return texts.stream().anyMatch(value);
    }

    /** The scalar texts under a node; an object or array stands for all of its values. */
    private static void collect(JsonNode node, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
            return;
        }
        out.add(node.asText());
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code status:500} matches 500 and 500.0 alike. */
    private static boolean sameNumber(BigDecimal number, String text) {
        BigDecimal other = number == null ? null : number(text);
        return other != null && number.compareTo(other) == 0;
    }
}
