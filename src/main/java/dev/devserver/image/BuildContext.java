package dev.devserver.image;

import dev.devserver.docker.Labels;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files Docker builds a function from. For a runtime: the runtime's template folder at the root, {@code _shared/},
 * the function's source as {@code function/}, and the rendered {@code Dockerfile}. Without a runtime: the source itself.
 * {@code .devserver/} (secrets, keys, logs) is never part of a context.
 */
public final class BuildContext {
    static final String CODE_DIRECTORY = "function";
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");

    private final List<ContextEntry> entries;

    private BuildContext(List<ContextEntry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparing(ContextEntry::path)).toList();
    }

    public static BuildContext of(Project project, FunctionSpec function, Path runtimeFolder, Path sharedFolder) throws IOException {
        List<ContextEntry> entries = new ArrayList<>();
        if (runtimeFolder == null) {
            addTree(entries, function.source(), "", DockerIgnore.read(function.source().resolve(".dockerignore")));
            return new BuildContext(entries);
        }
        addTree(entries, runtimeFolder, "", DockerIgnore.parse(List.of("offline", "Dockerfile.template")));
        if (Files.isDirectory(sharedFolder)) {
            addTree(entries, sharedFolder, "_shared/", DockerIgnore.none());
        }
        addTree(entries, function.source(), CODE_DIRECTORY + "/", DockerIgnore.read(function.source().resolve(".dockerignore")));
        String template = Files.readString(runtimeFolder.resolve("Dockerfile.template"));
        String dockerfile = withLabels(render(template, variables(function)), labels(project, function));
        entries.add(ContextEntry.generated("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)));
        return new BuildContext(entries);
    }

    /** The labels naming the project, service and function on every image devserver builds. */
    static Map<String, String> labels(Project project, FunctionSpec function) {
        return new java.util.TreeMap<>(Map.of(Labels.PROJECT, project.dir().toString(), Labels.SERVICE, project.service(),
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
            if (lines[i].stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("FROM ")) {
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

    private static void addTree(List<ContextEntry> entries, Path root, String prefix, DockerIgnore ignore) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.equals(".devserver") && !relative.startsWith(".devserver/") && !ignore.ignores(relative)) {
                    entries.add(ContextEntry.of(prefix + relative, file));
                }
            });
        }
    }

    public List<String> paths() {
        return entries.stream().map(ContextEntry::path).toList();
    }

    /** Content hash over every path, mode and byte, plus the build arguments: equal hash, equal image. */
    public String hash(Map<String, String> buildArgs) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ContextEntry entry : entries) {
                sha.update((entry.path() + "\0" + entry.executable() + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(entry.bytes());
            }
            sha.update(new java.util.TreeMap<>(buildArgs).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void writeTar(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (ContextEntry entry : entries) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.path());
                tarEntry.setSize(entry.size());
                tarEntry.setMode(entry.executable() ? 0100755 : 0100644);
                tar.putArchiveEntry(tarEntry);
                if (entry.file() != null) {
                    Files.copy(entry.file(), tar);
                } else {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
