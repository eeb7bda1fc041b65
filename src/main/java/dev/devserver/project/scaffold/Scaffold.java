package dev.devserver.project.scaffold;

import dev.devserver.DevserverException;
import dev.devserver.project.Names;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Runtimes;
import dev.devserver.project.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code devserver init}: writes a starter function into {@code <project>/<name>/} and adds it to serverless.yml.
 * Unlike the parser this package writes files; it leaves the project as it found it when anything fails.
 */
public final class Scaffold {
    /** What was made: the function's folder and files, the serverless.yml written, and the project it now describes. */
    public record Result(Path functionDir, List<Path> files, Path serverlessFile, boolean createdServerlessFile,
                         Project project) {
    }

    private Scaffold() {
    }

    /** @param fileOrDir a serverless.yml (which may not exist yet) or the project directory */
    public static Result init(Path fileOrDir, String runtime, String name) {
        Starter starter = starter(runtime);
        checkName(name);
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(ProjectLoader.SERVERLESS_FILE) : fileOrDir;
        file = file.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            throw new DevserverException(dir + ": no such directory; create the project directory first");
        }
        boolean exists = Files.exists(file);
        if (exists) {
            refuseTakenName(file, name);
        }
        String before = exists ? read(file) : minimalProject(dir);
        Path functionDir = emptyFunctionDir(dir, name);
        String after = FunctionsSection.withFunction(before, name, properties(starter, name));
        StarterFiles written = StarterFiles.write(starter, name, functionDir);
        try {
            // Checked before writing, so a running `up` never sees a broken serverless.yml.
            ProjectLoader.parse(after, dir, file, Settings.defaults());
        } catch (DevserverException e) {
            written.remove();
            // Problems of the file as it would be: those it already had (a fresh file without functions is
            // invalid only until this one is added, so it is not refused up front) and those the addition causes.
            throw new DevserverException(e.exitCode(), "Nothing was changed: with `" + name + "` added, "
                    + file.getFileName() + " would be invalid:\n" + e.getMessage());
        }
        try {
            Files.writeString(file, after, StandardCharsets.UTF_8);
            return new Result(functionDir, written.files(), file, !exists, ProjectLoader.load(file, Settings.defaults()));
        } catch (DevserverException | IOException e) {
            rollBack(file, exists ? before : null);
            written.remove();
            throw new DevserverException("Nothing was changed: cannot update " + file + ": " + e.getMessage());
        }
    }

    static Starter starter(String runtime) {
        Starter starter = Starter.ALL.get(runtime);
        if (starter != null) {
            return starter;
        }
        String closest = runtime.toLowerCase(Locale.ROOT).contains("docker") ? Starter.DOCKERFILE
                : Runtimes.closestAlias(runtime);
        throw new DevserverException("unknown runtime `" + runtime + "`; did you mean `" + closest + "`? Use one of "
                + String.join(", ", Runtimes.ALIASES) + ", or `" + Starter.DOCKERFILE
                + "` for a function built from its own Dockerfile");
    }

    private static void checkName(String name) {
        if (!Names.isLabel(name)) {
            String hint = Names.sanitizeLabel(name);
            throw new DevserverException("function name `" + name + "` is not a DNS label: use at most 63 lowercase"
                    + " letters, digits and `-`, starting and ending with a letter or digit"
                    + (hint.isEmpty() ? "" : " (for example `" + hint + "`)"));
        }
    }

    /** A name already taken is refused by name (an invalid file is left for the validation of the result). */
    private static void refuseTakenName(Path file, String name) {
        Project project;
        try {
            project = ProjectLoader.load(file, Settings.defaults());
        } catch (DevserverException invalid) {
            return;
        }
        project.function(name).ifPresent(f -> {
            throw new DevserverException(file + ":" + f.line() + ": function `" + name
                    + "` already exists; pick another name or remove it first");
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DevserverException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String minimalProject(Path dir) {
        if (Files.isRegularFile(dir.resolve("Dockerfile"))) {
            throw new DevserverException(dir + " has a Dockerfile and no serverless.yml, so devserver runs it as one"
                    + " application. To turn it into a functions project, write a serverless.yml with `service:` first.");
        }
        String service = Names.sanitizeLabel(dir.getFileName() == null ? "" : dir.getFileName().toString());
        return "service: " + (service.isEmpty() ? "functions" : service) + "\n";
    }

    private static Path emptyFunctionDir(Path dir, String name) {
        Path functionDir = dir.resolve(name);
        if (Files.exists(functionDir) && !(Files.isDirectory(functionDir) && isEmpty(functionDir))) {
            throw new DevserverException(functionDir + " already exists and is not an empty folder; pick another"
                    + " name or move it away");
        }
        return functionDir;
    }

    private static boolean isEmpty(Path dir) {
        try (var children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> properties(Starter starter, String name) {
        Map<String, String> p = new LinkedHashMap<>();
        if (starter.handler(name) != null) {
            p.put("handler", starter.handler(name));
        }
        p.put("source", "./" + name);
        if (starter.runtimeKey() != null) {
            p.put("runtime", starter.runtimeKey());
        }
        p.put("description", "\"" + (starter.runtimeKey() == null ? "Dockerfile" : starter.runtimeKey()) + " function\"");
        return p;
    }

    private static void rollBack(Path file, String before) {
        try {
            if (before == null) {
                Files.deleteIfExists(file);
            } else {
                Files.writeString(file, before, StandardCharsets.UTF_8);
            }
        } catch (IOException ignored) {
            // the message the caller throws already says what went wrong first
        }
    }

    static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = Scaffold.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new DevserverException("internal error: starter file " + path + " is missing from devserver's jar");
        }
        return in;
    }
}
