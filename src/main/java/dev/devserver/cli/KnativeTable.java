package dev.devserver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;

/** Knative objects as `kubectl get` prints them: upper-case headings, columns padded, three spaces apart. */
final class KnativeTable {
    private KnativeTable() {
    }

    static String services(List<JsonNode> items, boolean withNamespace) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(heading(withNamespace, "NAME", "URL", "LATESTCREATED", "LATESTREADY", "READY", "REASON"));
        for (JsonNode s : items) {
            JsonNode ready = readyCondition(s);
            rows.add(row(withNamespace, s, s.at("/metadata/name").asText(), s.at("/status/url").asText(""),
                    s.at("/status/latestCreatedRevisionName").asText(""), s.at("/status/latestReadyRevisionName").asText(""),
                    ready.path("status").asText("Unknown"), ready.path("reason").asText("")));
        }
        return format(rows);
    }

    static String revisions(List<JsonNode> items, boolean withNamespace) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(heading(withNamespace, "NAME", "CONFIG NAME", "GENERATION", "READY", "REASON", "ACTUAL REPLICAS"));
        for (JsonNode r : items) {
            JsonNode ready = readyCondition(r);
            JsonNode labels = r.at("/metadata/labels");
            rows.add(row(withNamespace, r, r.at("/metadata/name").asText(), labels.path("serving.knative.dev/configuration").asText(""),
                    labels.path("serving.knative.dev/configurationGeneration").asText(""), ready.path("status").asText("Unknown"),
                    ready.path("reason").asText(""), r.at("/status/actualReplicas").asText("")));
        }
        return format(rows);
    }

    private static List<String> heading(boolean withNamespace, String... names) {
        List<String> row = new ArrayList<>(withNamespace ? List.of("NAMESPACE") : List.of());
        row.addAll(List.of(names));
        return row;
    }

    private static List<String> row(boolean withNamespace, JsonNode item, String... cells) {
        List<String> row = new ArrayList<>(withNamespace ? List.of(item.at("/metadata/namespace").asText()) : List.of());
        row.addAll(List.of(cells));
        return row;
    }

    private static JsonNode readyCondition(JsonNode item) {
        for (JsonNode condition : item.at("/status/conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return MissingNode.getInstance();
    }

    private static String format(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : pad(row.get(i), width[i] + 3));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
