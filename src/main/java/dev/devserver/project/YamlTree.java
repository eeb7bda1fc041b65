package dev.devserver.project;

import java.io.StringReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns text into a snakeyaml Node tree (never Java objects), so every later check can point at a line and
 * column. Limits stop alias bombs, huge and deeply nested documents before they cost time or memory.
 */
final class YamlTree {
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
    static final int MAX_NESTING = 50;
    private static final int MAX_COLLECTION_ALIASES = 20;

    /** A mapping entry whose key is known to be a text scalar. */
    record Entry(ScalarNode key, Node value) {
        String name() {
            return key.getValue();
        }
    }

    private YamlTree() {
    }

    /** The document's root node, or null after recording why there is none. */
    static Node compose(String text, Problems problems) {
        if (text.length() > MAX_CODE_POINTS) {
            problems.error(1, 1, "file is larger than 3 MB; a serverless.yml is a few lines long - is this the right file?");
            return null;
        }
        if (!isText(text, problems)) {
            return null;
        }
        try {
            Node root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options()),
                    new Resolver(), options()).getSingleNode();
            if (root == null || isNull(root)) {
                problems.error(1, 1, "file is empty; it needs at least `service:` and `functions:` (see the GitLab Serverless docs)");
                return null;
            }
            return root;
        } catch (MarkedYAMLException e) {
            problems.error(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(), syntaxMessage(e));
        } catch (YAMLException e) {
            problems.error(1, 1, "YAML refused: " + e.getMessage() + " (too many aliases or too deeply nested?)");
        } catch (StackOverflowError e) {
            problems.error(1, 1, "YAML is nested too deeply to read");
        }
        return null;
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        o.setNestingDepthLimit(MAX_NESTING);
        o.setCodePointLimit(MAX_CODE_POINTS);
        o.setAllowRecursiveKeys(false);
        // Duplicates are found on the Node tree instead, so each one is reported with its position.
        o.setAllowDuplicateKeys(true);
        return o;
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        String text = (context.isEmpty() || problem.isEmpty() ? context + problem : context + ", " + problem)
                .replace('\n', ' ').trim();
        String msg = "YAML syntax error: " + (text.isEmpty() ? "unreadable YAML" : text);
        if (problem.contains("TAB") || problem.contains("'\\t'")) {
            msg += " (indent with spaces, not tabs)";
        } else if (problem.contains("mapping values are not allowed")) {
            msg += " (check the indentation, or quote a value that contains ': ')";
        }
        return msg;
    }

    /** Rejects binary data up front: snakeyaml would fail on it with a less helpful message. */
    private static boolean isText(String text, Problems problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!StreamReader.isPrintable(cp)) {
                String what = cp == 0 ? "a NUL byte" : String.format("the control character U+%04X", cp);
                problems.error(line, column, "file is not text: it contains " + what
                        + "; is this a binary file? serverless.yml must be UTF-8 YAML");
                return false;
            }
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** Words for error messages: "a list", "a mapping", "the text `x`". */
    static String describe(Node n) {
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        return isNull(n) ? "empty" : "`" + ((ScalarNode) n).getValue() + "`";
    }

    /** Entries by key in file order; records duplicate and non-text keys (the first occurrence wins). */
    static Map<String, Entry> entries(MappingNode m, String where, Problems problems) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                problems.error(t.getKeyNode(), "keys in " + where + " must be plain text, not " + describe(t.getKeyNode()));
                continue;
            }
            Entry previous = out.get(key.getValue());
            if (previous != null) {
                problems.error(key, "duplicate key `" + key.getValue() + "` in " + where + " (first defined at line "
                        + (previous.key().getStartMark().getLine() + 1) + "); remove one of them");
            } else if ("<<".equals(key.getValue())) {
                problems.error(key, "YAML merge keys (`<<`) are not supported in serverless.yml; write the keys out");
            } else {
                out.put(key.getValue(), new Entry(key, t.getValueNode()));
            }
        }
        return out;
    }

    /** Unknown keys, with a "did you mean" for near misses and a pointer for TriggerMesh-only fields. */
    static void checkKeys(Map<String, Entry> entries, Collection<String> known, Collection<String> tmOnly, String where,
            Problems problems) {
        for (Entry e : entries.values()) {
            if (known.contains(e.name())) {
                continue;
            }
            String msg = "unknown key `" + e.name() + "` in " + where;
            String near = Names.nearMiss(e.name(), known);
            if (tmOnly.contains(e.name())) {
                msg += ": `" + e.name() + "` is a TriggerMesh tm field that GitLab Serverless does not support; remove it";
            } else if (near != null) {
                msg += "; did you mean `" + near + "`?";
            } else {
                msg += "; allowed keys: " + String.join(", ", known);
            }
            problems.error(e.key(), msg);
        }
    }
}
