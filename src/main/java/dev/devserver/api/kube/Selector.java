package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes label selectors ({@code app=x,tier!=db,env in (a,b),!canary,version}) and the field selectors devserver
 * supports ({@code metadata.name=x}, {@code involvedObject.name=x} and any other dotted path, = and !=).
 */
final class Selector {
    private static final Pattern SET = Pattern.compile("\\s*(!?)([^\\s!=,()]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern EQUALITY = Pattern.compile("\\s*([^\\s!=,()]+)\\s*(==|=|!=)\\s*([^\\s,()]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([^\\s!=,()]+)\\s*");

    private Selector() {
    }

    /** @throws IllegalArgumentException naming the part that does not parse */
    static Predicate<JsonNode> labels(String selector) {
        if (selector == null || selector.isBlank()) {
            return o -> true;
        }
        Predicate<JsonNode> all = o -> true;
        for (String part : split(selector)) {
            Predicate<JsonNode> one = labelTerm(part);
            all = all.and(one);
        }
        return all;
    }

    private static Predicate<JsonNode> labelTerm(String part) {
        Matcher set = SET.matcher(part);
        if (set.matches()) {
            Set<String> values = Set.copyOf(Arrays.stream(set.group(4).split(",")).map(String::trim).toList());
            String key = set.group(2);
            boolean in = set.group(3).equals("in");
            return o -> {
                JsonNode value = o.path("metadata").path("labels").path(key);
                boolean member = !value.isMissingNode() && values.contains(value.asText());
                return in == member;
            };
        }
        Matcher eq = EQUALITY.matcher(part);
        if (eq.matches()) {
            String key = eq.group(1);
            String wanted = eq.group(3);
            boolean equal = !eq.group(2).equals("!=");
            return o -> wanted.equals(o.path("metadata").path("labels").path(key).asText(null)) == equal;
        }
        Matcher exists = EXISTS.matcher(part);
        if (exists.matches()) {
            String key = exists.group(2);
            boolean present = exists.group(1).isEmpty();
            return o -> o.path("metadata").path("labels").has(key) == present;
        }
        throw new IllegalArgumentException("unable to parse requirement: \"" + part.trim() + "\"");
    }

    static Predicate<JsonNode> fields(String selector) {
        if (selector == null || selector.isBlank()) {
            return o -> true;
        }
        Predicate<JsonNode> all = o -> true;
        for (String part : split(selector)) {
            Matcher eq = EQUALITY.matcher(part);
            if (!eq.matches()) {
                throw new IllegalArgumentException("invalid field selector: \"" + part.trim() + "\"");
            }
            String[] path = eq.group(1).split("\\.");
            String wanted = eq.group(3);
            boolean equal = !eq.group(2).equals("!=");
            all = all.and(o -> {
                JsonNode node = o;
                for (String step : path) {
                    node = node.path(step);
                }
                return wanted.equals(node.asText("")) == equal;
            });
        }
        return all;
    }

    /** Commas inside {@code in (a,b)} do not separate requirements. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
