package dev.devserver.project;

import dev.devserver.project.YamlTree.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads of serverless.yml values; each records a positioned problem and returns a safe default on error. */
final class Fields {
    static final int MAX_CONCURRENCY = 1000;
    /** Knative's webhook refuses these in a container's env (serving's k8s_validation.go, reservedEnvVars). */
    static final Set<String> RESERVED_ENVS = Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION");

    private final Problems problems;

    Fields(Problems problems) {
        this.problems = problems;
    }

    /** A text value as written (so {@code 1.10} stays "1.10"), null when absent/empty or not text. */
    String text(Entry e, String example) {
        if (e == null || YamlTree.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.error(e.key(), "`" + e.name() + "` must be a text value, not " + YamlTree.describe(e.value())
                + ", e.g. `" + e.name() + ": " + example + "`");
        return null;
    }

    /** {@code envs} merged with the legacy {@code environment}; on a clash {@code envs} wins. */
    Map<String, String> envs(Map<String, Entry> entries) {
        Map<String, String> out = new LinkedHashMap<>(envMap(entries.get("environment")));
        envMap(entries.get("envs")).forEach((k, v) -> {
            out.remove(k); // keep envs order when both are present
            out.put(k, v);
        });
        return out;
    }

    private Map<String, String> envMap(Entry e) {
        Map<String, String> out = new LinkedHashMap<>();
        MappingNode m = mapping(e, "FOO: value");
        if (m == null) {
            return out;
        }
        for (Entry env : YamlTree.entries(m, "`" + e.name() + "`", problems).values()) {
            if (!Names.isEnvName(env.name())) {
                problems.error(env.key(), "`" + env.name() + "` is not a valid environment variable name; use letters,"
                        + " digits and `_`, not starting with a digit (e.g. `" + suggestEnvName(env.name()) + "`)");
            } else if (RESERVED_ENVS.contains(env.name())) {
                problems.error(env.key(), "`" + env.name() + "` is reserved: Knative sets it in every container (the"
                        + " runtime contract) and rejects a service that sets it in `" + e.name() + "`; remove it"
                        + (env.name().equals("PORT") ? " and listen on the PORT Knative gives (8080)" : ""));
            }
            String value = scalarValue(env, "an environment variable value");
            if (value != null) {
                out.put(env.name(), value);
            }
        }
        return out;
    }

    private static String suggestEnvName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Scalars become strings as written, null becomes "", lists and mappings are errors. */
    private String scalarValue(Entry e, String what) {
        if (YamlTree.isNull(e.value())) {
            return "";
        }
        if (e.value() instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.error(e.key(), "`" + e.name() + "`: " + what + " must be a single value, not "
                + YamlTree.describe(e.value()) + "; quote it if it is meant as text");
        return null;
    }

    /** {@code secrets} plus the legacy {@code env-secrets}, without repeats. */
    List<String> secrets(Map<String, Entry> entries) {
        LinkedHashSet<String> out = new LinkedHashSet<>(secretList(entries.get("secrets")));
        out.addAll(secretList(entries.get("env-secrets")));
        return new ArrayList<>(out);
    }

    private List<String> secretList(Entry e) {
        List<String> out = new ArrayList<>();
        SequenceNode list = list(e, "[my-secrets]");
        if (list == null) {
            return out;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof ScalarNode s) || YamlTree.isNull(item)) {
                problems.error(item, "each entry of `" + e.name() + "` must be a secret name, not " + YamlTree.describe(item));
            } else if (!Names.isSubdomain(s.getValue())) {
                problems.error(item, "secret name `" + s.getValue() + "` is not a valid Kubernetes name: use lowercase"
                        + " letters, digits, `-` and `.`, starting and ending with a letter or digit, at most "
                        + Names.SUBDOMAIN_MAX + " characters");
            } else {
                out.add(s.getValue());
            }
        }
        return out;
    }

    Map<String, String> annotations(Entry e) {
        Map<String, String> out = new LinkedHashMap<>();
        MappingNode m = mapping(e, "example.com/owner: me");
        if (m != null) {
            for (Entry a : YamlTree.entries(m, "`annotations`", problems).values()) {
                String value = scalarValue(a, "an annotation value");
                if (value != null) {
                    out.put(a.name(), value);
                }
            }
        }
        return out;
    }

    /** Labels as tm takes them ({@code - key:value} or {@code - key=value}), or as a plain mapping. */
    Map<String, String> labels(Entry e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e == null || YamlTree.isNull(e.value())) {
            return out;
        }
        if (e.value() instanceof MappingNode m) {
            for (Entry l : YamlTree.entries(m, "`labels`", problems).values()) {
                String value = scalarValue(l, "a label value");
                if (value != null) {
                    addLabel(out, l.key(), l.name(), value);
                }
            }
            return out;
        }
        SequenceNode list = list(e, "[\"app:web\"]");
        for (Node item : list == null ? List.<Node>of() : list.getValue()) {
            String text = item instanceof ScalarNode s && !YamlTree.isNull(s) ? s.getValue() : null;
            int cut = text == null ? -1 : firstOf(text, ':', '=');
            if (cut <= 0) {
                problems.error(item, "label " + (text == null ? YamlTree.describe(item) : "`" + text + "`")
                        + " must be written `key:value` (or `key=value`)");
            } else {
                addLabel(out, item, text.substring(0, cut).trim(), text.substring(cut + 1).trim());
            }
        }
        return out;
    }

    private void addLabel(Map<String, String> out, Node at, String key, String value) {
        if (!Names.isLabelKey(key)) {
            problems.error(at, "label key `" + key + "` is not a valid Kubernetes label key (letters, digits, `-`, `_`,"
                    + " `.`, at most 63 characters, optionally prefixed by `domain/`)");
        } else if (!Names.isLabelValue(value)) {
            problems.error(at, "label value `" + value + "` is not a valid Kubernetes label value (letters, digits,"
                    + " `-`, `_`, `.`, at most 63 characters)");
        } else {
            out.put(key, value);
        }
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    Integer concurrency(Entry e) {
        if (e == null || YamlTree.isNull(e.value())) {
            return null;
        }
        String hint = "`concurrency` must be a whole number from 0 (no limit) to " + MAX_CONCURRENCY;
        if (!(e.value() instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())
                || !s.getValue().matches("[-+]?[0-9]+")) {
            problems.error(e.key(), hint + ", not " + YamlTree.describe(e.value()));
            return null;
        }
        BigInteger n = new BigInteger(s.getValue());
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(MAX_CONCURRENCY)) > 0) {
            problems.error(e.key(), hint + ", not " + n);
            return null;
        }
        return n.intValue();
    }

    MappingNode mapping(Entry e, String example) {
        if (e == null || YamlTree.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof MappingNode m) {
            return m;
        }
        problems.error(e.key(), "`" + e.name() + "` must be a mapping (`key: value` lines), not "
                + YamlTree.describe(e.value()) + ", e.g. `" + e.name() + ": {" + example + "}`");
        return null;
    }

    SequenceNode list(Entry e, String example) {
        if (e == null || YamlTree.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof SequenceNode s) {
            return s;
        }
        problems.error(e.key(), "`" + e.name() + "` must be a list, not " + YamlTree.describe(e.value())
                + ", e.g. `" + e.name() + ": " + example + "`");
        return null;
    }
}
