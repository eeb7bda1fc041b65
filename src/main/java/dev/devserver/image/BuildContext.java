package dev.devserver.image;

import dev.devserver.docker.Labels;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files Docker builds a function from. For a runtime: the runtime's template folder at the root, {@code _shared/},
 * the function's source as {@code function/}, and the rendered {@code Dockerfile}. Without a runtime: the source itself.
 * {@code .devserver/} (secrets, keys, logs) is never part of a context.
 */
public final class BuildContext {
    static final String CODE_DIRECTORY = "function";
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");

    private final List<ContextEntry> entries;
    private final List<String> warnings;
    private final String dockerfile;
    /** The labels a build adds outside the context (own Dockerfiles); a runtime's rendered Dockerfile has them. */
    private final Map<String, String> buildLabels;

    private BuildContext(List<ContextEntry> entries, List<String> warnings, String dockerfile, Map<String, String> buildLabels) {
        this.entries = entries.stream().sorted(Comparator.comparing(ContextEntry::path)).toList();
        this.warnings = List.copyOf(warnings);
        this.dockerfile = dockerfile;
        this.buildLabels = buildLabels;
    }

    public static BuildContext of(Project project, FunctionSpec function, Path runtimeFolder, Path sharedFolder) throws IOException {
        return of(project, function, runtimeFolder, sharedFolder, null);
    }

    /** @param ca extra CAs for every build stage and the function (--build-ca-file), or null */
    static BuildContext of(Project project, FunctionSpec function, Path runtimeFolder, Path sharedFolder, BuildCa ca)
            throws IOException {
        List<ContextEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (runtimeFolder == null) {
            add(entries, warnings, functionTree(project, function, false), display(project, function.source()));
            return new BuildContext(entries, warnings, null, labels(project, function));
        }
        add(entries, warnings, ContextTree.walk(runtimeFolder, "", DockerIgnore.parse(List.of("offline", "Dockerfile.template"))),
                runtimeFolder.toString());
        if (Files.isDirectory(sharedFolder)) {
            add(entries, warnings, ContextTree.walk(sharedFolder, "_shared/", DockerIgnore.none()), sharedFolder.toString());
        }
        add(entries, warnings, functionTree(project, function, true), display(project, function.source()));
        String template = Files.readString(runtimeFolder.resolve("Dockerfile.template"));
        String dockerfile = withLabels(render(template, variables(function)), labels(project, function));
        if (ca != null) {
            dockerfile = BuildCa.addTo(dockerfile);
            entries.add(ca.entry());
        }
        entries.add(ContextEntry.generated("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)));
        return new BuildContext(entries, warnings, dockerfile, Map.of());
    }

    /** What `validate` reports before any build: the links in a function's folder that its image leaves out. */
    public static List<String> warnings(Project project, FunctionSpec function) throws IOException {
        List<String> warnings = new ArrayList<>();
        add(new ArrayList<>(), warnings, functionTree(project, function, function.runtime() != null),
                display(project, function.source()));
        return warnings;
    }

    /** A runtime build puts the source under {@code function/} and leaves host dependencies and history out. */
    private static ContextTree functionTree(Project project, FunctionSpec function, boolean runtime) throws IOException {
        Path source = function.source();
        DockerIgnore ignore = DockerIgnore.read(runtime ? ContextTree.RUNTIME_IGNORES : List.of(), source.resolve(".dockerignore"));
        return ContextTree.walk(source, runtime ? CODE_DIRECTORY + "/" : "", ignore);
    }

    private static void add(List<ContextEntry> entries, List<String> warnings, ContextTree tree, String folder) {
        entries.addAll(tree.entries);
        tree.outsideLinks.forEach(link -> warnings.add(link.message(folder)));
    }

    private static String display(Project project, Path folder) {
        Path relative = project.dir().toAbsolutePath().relativize(folder.toAbsolutePath());
        return relative.toString().isEmpty() ? "." : relative.startsWith("..") ? relative.toString() : "./" + relative;
    }

    /** The labels naming the project, service and function on every image devserver builds. */
    static Map<String, String> labels(Project project, FunctionSpec function) {
        return new TreeMap<>(Map.of(Labels.PROJECT, project.dir().toString(), Labels.SERVICE, project.service(),
                Labels.FUNCTION, function.name()));
    }

    /**
     * Puts the labels in one LABEL line right after the final stage's FROM: the daemon would otherwise add a
     * LABEL step per label after the last instruction, each one more layer to commit on every code edit.
     */
    static String withLabels(String dockerfile, Map<String, String> labels) {
        StringBuilder line = new StringBuilder("LABEL");
        labels.forEach((k, v) -> line.append(' ').append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        String[] lines = dockerfile.split("\n", -1);
        int lastFrom = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().toUpperCase(Locale.ROOT).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        List<String> out = new ArrayList<>(List.of(lines));
        out.add(lastFrom + 1, line.toString());
        return String.join("\n", out);
    }

    /** gitlabktl's template inputs (runtime.Details). */
    static Map<String, String> variables(FunctionSpec function) {
        return Map.of(
                "FunctionName", function.name(),
                "FunctionHandler", function.handler() == null ? "" : function.handler(),
                "FunctionRuntime", function.runtime() == null ? "" : function.runtime(),
                "FunctionFile", function.handler() == null ? "" : function.handler(),
                "CodeDirectory", CODE_DIRECTORY,
                "ResultingImage", function.imageName());
    }

    static String render(String template, Map<String, String> variables) {
        Matcher m = TEMPLATE_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    public List<String> paths() {
        return entries.stream().map(ContextEntry::path).toList();
    }

    /** Links left out of the context, one message each naming the link and its target. */
    public List<String> warnings() {
        return warnings;
    }

    /** Content hash over every path, mode, link target and byte, plus the build arguments: equal hash, equal image. */
    public String hash(Map<String, String> buildArgs) throws IOException {
        return digest(buildArgs, new DigestCache()).hash();
    }

    /**
     * The labels count too: an image whose hash matches is reused as it is, and its labels must name this project
     * (`prune` and `down` find images by them), not another copy of the same files.
     */
    ContextDigest digest(Map<String, String> buildArgs, DigestCache cache) throws IOException {
        Map<String, String> inputs = new TreeMap<>(buildArgs);
        buildLabels.forEach((key, value) -> inputs.put("LABEL " + key, value)); // no build argument has a space
        return ContextDigest.of(entries, inputs, cache);
    }

    List<ContextEntry> entries() {
        return entries;
    }

    /** The rendered Dockerfile of a runtime build; empty for a function that brings its own. */
    Optional<String> dockerfile() {
        return Optional.ofNullable(dockerfile);
    }

    public void writeTar(OutputStream out) throws IOException {
        BuildContextTar.write(entries, out);
    }
}
