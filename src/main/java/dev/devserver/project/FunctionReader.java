package dev.devserver.project;

import dev.devserver.project.YamlTree.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one entry of {@code functions:}, checking its name, source directory and runtime. */
record FunctionReader(Problems problems, Fields fields, ProjectDir dir) {
    static final List<String> KEYS = List.of("handler", "source", "runtime", "description", "envs", "environment",
            "secrets", "env-secrets", "annotations", "labels", "concurrency");
    private static final List<String> TM_ONLY = List.of("revision", "buildargs", "events", "schedule", "pull-policy");
    private static final Pattern URL = Pattern.compile("(?i)(https?|ssh|git|file)://\\S+|[\\w.-]+@[\\w.-]+:\\S+");

    FunctionReader(Problems problems, ProjectDir dir) {
        this(problems, new Fields(problems), dir);
    }

    /** @param service the validated service name, or null when it is missing or invalid (skips length checks) */
    FunctionSpec read(ScalarNode nameKey, Node value, String service, Map<String, String> providerAnnotations) {
        String name = nameKey.getValue();
        String where = "function `" + name + "`";
        String ksvc = knativeName(nameKey, service);
        if (!(value instanceof MappingNode m)) {
            problems.error(nameKey, where + " must be a mapping with at least `source:` and `runtime:`, not "
                    + YamlTree.describe(value));
            return null;
        }
        Map<String, Entry> e = YamlTree.entries(m, where, problems);
        YamlTree.checkKeys(e, KEYS, TM_ONLY, where, problems);
        String handler = fields.text(e.get("handler"), name);
        Path source = source(nameKey, e.get("source"));
        String runtime = runtime(nameKey, e.get("runtime"), e.get("handler"), handler, source);
        if (Runtimes.isOpenfaas(runtime)) {
            handler = null;
        }
        Map<String, String> annotations = new LinkedHashMap<>(providerAnnotations);
        annotations.putAll(fields.annotations(e.get("annotations")));
        return new FunctionSpec(name, ksvc, handler, source, runtime, fields.text(e.get("description"), "what it does"),
                fields.envs(e), fields.secrets(e), annotations, fields.labels(e.get("labels")),
                fields.concurrency(e.get("concurrency")), nameKey.getStartMark().getLine() + 1);
    }

    private String knativeName(ScalarNode nameKey, String service) {
        String name = nameKey.getValue();
        if (!Names.isLabelShape(name)) {
            String fix = Names.sanitizeLabel(name);
            problems.error(nameKey, "function name `" + name + "` must use only lowercase letters, digits and `-`,"
                    + " starting and ending with a letter or digit, because it becomes part of the Knative service name"
                    + (fix.isEmpty() ? "" : "; rename it to `" + fix + "`"));
            return null;
        }
        if (service == null) {
            return null;
        }
        String ksvc = service + "-" + name;
        if (ksvc.length() > Names.LABEL_MAX) {
            problems.error(nameKey, "Knative service name `" + ksvc + "` is " + ksvc.length() + " characters, more than "
                    + Names.LABEL_MAX + "; shorten the function name `" + name + "` (" + name.length()
                    + ") or the service `" + service + "` (" + service.length() + ") by "
                    + (ksvc.length() - Names.LABEL_MAX) + " characters");
        }
        return ksvc;
    }

    private Path source(ScalarNode nameKey, Entry e) {
        String text = fields.text(e, "./" + nameKey.getValue());
        if (text == null) {
            if (e == null || YamlTree.isNull(e.value())) {
                problems.error(e == null ? nameKey : e.key(), "function `" + nameKey.getValue()
                        + "` needs `source:`, the directory with its code, e.g. `source: ./" + nameKey.getValue() + "`");
            }
            return null;
        }
        String problem = dir.checkInside(text, "source");
        if (problem == null && !Files.isDirectory(dir.resolve(text))) {
            problem = Files.exists(dir.resolve(text)) ? "`source: " + text + "` is a file; it must be a directory"
                    : "`source: " + text + "` does not exist (looked for " + dir.resolve(text) + ")" + dir.nearDir(text);
        }
        if (problem != null) {
            problems.error(e.key(), problem);
            return null;
        }
        return dir.real(text);
    }

    private String runtime(ScalarNode nameKey, Entry e, Entry handlerEntry, String handler, Path source) {
        String runtime = fields.text(e, "gitlab/runtimes/nodejs");
        String fn = "function `" + nameKey.getValue() + "`";
        if (runtime == null) {
            if (source != null && !Files.isRegularFile(source.resolve("Dockerfile"))) {
                problems.error(nameKey, fn + " has no `runtime`, so its source directory must hold a Dockerfile;"
                        + " add one, or set a runtime such as `runtime: gitlab/runtimes/nodejs`");
            }
            return null;
        }
        if (Runtimes.isGitlab(runtime) && handler == null) {
            problems.error(handlerEntry == null ? nameKey : handlerEntry.key(), fn + " uses " + runtime
                    + ", which needs `handler:` (the function's name, e.g. `handler: " + nameKey.getValue() + "`)");
        } else if (Runtimes.isOpenfaas(runtime) && handler != null) {
            problems.note(handlerEntry.key(), "`handler` of " + fn + " is ignored: " + runtime
                    + " finds the handler by the template's convention");
        }
        if (Runtimes.ALIASES.contains(runtime) || URL.matcher(runtime).matches()) {
            return runtime;
        }
        return customRuntime(e, runtime);
    }

    /** A local directory holding a Dockerfile.template, or an unknown alias (with a suggestion). */
    private String customRuntime(Entry e, String runtime) {
        Path path = dir.resolve(runtime);
        if (path == null || !Files.exists(path)) {
            problems.error(e.key(), "unknown runtime `" + runtime + "`; did you mean `" + Runtimes.closestAlias(runtime)
                    + "`? Use one of " + String.join(", ", Runtimes.ALIASES)
                    + ", a URL (https://, ssh://, git://, file://, git@host:path) or a local directory with a Dockerfile.template");
            return null;
        }
        if (!Files.isRegularFile(path.resolve("Dockerfile.template"))) {
            problems.error(e.key(), "custom runtime `" + runtime + "` must be a directory holding a Dockerfile.template");
            return null;
        }
        try {
            return path.toRealPath().toString();
        } catch (IOException ex) {
            problems.error(e.key(), "cannot read custom runtime `" + runtime + "`: " + ex.getMessage());
            return null;
        }
    }
}
