package dev.devserver.image;

import dev.devserver.DevserverException;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a function's runtime template comes from: a built-in alias, a local folder, or a Git repository
 * (any transport Git supports), fetched once per commit into {@code ~/.cache/devserver/runtimes/}.
 */
public final class RuntimeSources {
    private final RuntimeCatalog catalog;
    private final Path cache;

    public RuntimeSources(RuntimeCatalog catalog) {
        this(catalog, Paths.get(System.getProperty("user.home"), ".cache", "devserver", "runtimes"));
    }

    RuntimeSources(RuntimeCatalog catalog, Path cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    public RuntimeCatalog catalog() {
        return catalog;
    }

    /** The template folder of the function's runtime, or null when the function builds its own Dockerfile. */
    public Path folder(Project project, FunctionSpec function) {
        String runtime = function.runtime();
        if (runtime == null) {
            return null;
        }
        if (Files.isDirectory(catalog.root().resolve(runtime)) && !runtime.contains("..")) {
            return catalog.folder(runtime);
        }
        Path local = project.dir().resolve(runtime).normalize();
        if (Files.isDirectory(local)) {
            return requireTemplate(function, local);
        }
        return requireTemplate(function, fetch(function, runtime));
    }

    private static Path requireTemplate(FunctionSpec function, Path folder) {
        if (!Files.isRegularFile(folder.resolve("Dockerfile.template"))) {
            throw new DevserverException("Function " + function.name() + ": runtime " + function.runtime()
                    + " has no Dockerfile.template at its root; a custom runtime is a repository holding one.");
        }
        return folder;
    }

    private synchronized Path fetch(FunctionSpec function, String url) {
        String commit = git(function, "ls-remote", url, "HEAD").split("\\s+")[0];
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new DevserverException("Function " + function.name() + ": cannot read HEAD of runtime repository " + url + ".");
        }
        Path target = cache.resolve(commit);
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "fetch-");
            git(function, "clone", "--quiet", "--depth", "1", url, tmp.toString());
            Files.move(tmp, target);
            return target;
        } catch (IOException e) {
            throw new DevserverException("Function " + function.name() + ": cannot store runtime " + url + " in " + cache + ": " + e.getMessage());
        }
    }

    private static String git(FunctionSpec function, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new DevserverException("Function " + function.name() + ": cannot fetch runtime " + function.runtime()
                        + " (git " + args[0] + " failed): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new DevserverException("Function " + function.name() + ": cannot fetch runtime " + function.runtime()
                    + ": git is not installed (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevserverException("Interrupted while fetching runtime " + function.runtime() + ".");
        }
    }
}
