package dev.devserver.session;

import dev.devserver.DevserverException;
import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.observe.Ansi;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Mode;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import dev.devserver.secrets.SecretStore;
import dev.devserver.serving.Serving;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hot reload: turns changed files into new revisions of exactly the functions they affect. A broken serverless.yml
 * or a failed build leaves the running revisions serving and says why.
 */
final class Reloader {
    private final Supplier<Project> project;
    private final Consumer<Project> adopt;
    private final ImageBuilder builder;
    private final Serving serving;
    private final Path runtimesRoot;
    private final SecretStore secrets;
    private final Map<String, String> fingerprints = new HashMap<>();
    private final Consumer<String> terminal;

    Reloader(Supplier<Project> project, Consumer<Project> adopt, ImageBuilder builder, Serving serving, Path runtimesRoot,
             SecretStore secrets, Consumer<String> terminal) {
        this.project = project;
        this.adopt = adopt;
        this.builder = builder;
        this.serving = serving;
        this.runtimesRoot = runtimesRoot;
        this.secrets = secrets;
        this.terminal = terminal;
        referencedSecrets(project.get()).forEach(name -> fingerprints.put(name, secrets.fingerprint(name)));
    }

    /** Called when the secret store changed: rolls out the functions whose secrets were created, replaced or deleted. */
    synchronized void secretsChanged() {
        long start = System.nanoTime();
        Project current = project.get();
        Map<String, String> causes = new LinkedHashMap<>();
        for (String name : referencedSecrets(current)) {
            String fingerprint = secrets.fingerprint(name);
            if (!fingerprint.equals(fingerprints.put(name, fingerprint))) {
                String what = "secret " + name + (fingerprint.isEmpty() ? " deleted" : " changed");
                current.functions().stream().filter(f -> current.secrets().contains(name) || f.secrets().contains(name))
                        .forEach(f -> causes.putIfAbsent(f.name(), what));
            }
        }
        rollOut(current, causes, start);
    }

    private static Set<String> referencedSecrets(Project project) {
        Set<String> names = new TreeSet<>(project.secrets());
        project.functions().forEach(f -> names.addAll(f.secrets()));
        return names;
    }

    /** Called with the files that changed; rebuilds and rolls out the functions they affect. */
    synchronized void changed(Set<Path> paths) {
        long start = System.nanoTime();
        Project current = project.get();
        Map<String, String> causes = new LinkedHashMap<>();
        if (current.mode() == Mode.FUNCTIONS && paths.contains(current.file())) {
            Project next;
            try {
                next = ProjectLoader.load(current.file(), new Settings(current.namespace(), current.domain()));
            } catch (DevserverException e) {
                terminal.accept(Ansi.red("serverless.yml has problems; still serving the previous version:\n") + e.getMessage());
                return;
            }
            for (FunctionSpec f : next.functions()) {
                if (!sameConfiguration(current, next, f)) {
                    causes.put(f.name(), "serverless.yml changed");
                }
            }
            serving.update(next);
            adopt.accept(next);
            current = next;
        }
        for (Path path : paths) {
            for (FunctionSpec f : current.functions()) {
                if (path.startsWith(f.source()) || usesRuntimeFile(f, path)) {
                    causes.putIfAbsent(f.name(), current.dir().relativize(path) + " changed");
                }
            }
        }
        rollOut(current, causes, start);
    }

    /** Also used for secret changes: rolls out the named functions with a new revision. */
    synchronized void rollOut(Project current, Map<String, String> causes, long start) {
        List<FunctionSpec> affected = current.functions().stream().filter(f -> causes.containsKey(f.name())).toList();
        if (affected.isEmpty()) {
            return;
        }
        List<BuildResult> builds = builder.buildAll(current, affected, BuildListener.SILENT);
        for (BuildResult build : builds) {
            String name = build.function().name();
            if (!build.ok()) {
                terminal.accept(Ansi.red(name + ": ") + "reload failed (" + causes.get(name) + "): build failed: "
                        + build.error() + "\n    " + String.join("\n    ", build.logTail())
                        + "\n  the previous revision keeps serving.");
                continue;
            }
            serving.rollOut(build, secrets.lookup()).whenComplete((revision, error) -> terminal.accept(error == null
                    ? Ansi.green(name + ": ") + "reloaded in " + (System.nanoTime() - start) / 1_000_000 + " ms, revision "
                    + revision + " (" + causes.get(name) + ")"
                    : Ansi.red(name + ": ") + "new revision did not become ready (" + Failures.rootMessage(error)
                    + "); the previous revision keeps serving."));
        }
    }

    private boolean usesRuntimeFile(FunctionSpec f, Path path) {
        return f.runtime() != null && path.startsWith(runtimesRoot)
                && (path.startsWith(runtimesRoot.resolve(f.runtime())) || path.startsWith(runtimesRoot.resolve("_shared")));
    }

    /** Everything that shapes a revision, without the line numbers (moving a block is not a change). */
    private static boolean sameConfiguration(Project before, Project after, FunctionSpec f) {
        FunctionSpec old = before.function(f.name()).orElse(null);
        return old != null && before.envs().equals(after.envs()) && before.secrets().equals(after.secrets())
                && Objects.equals(old.handler(), f.handler()) && old.source().equals(f.source())
                && Objects.equals(old.runtime(), f.runtime()) && Objects.equals(old.description(), f.description())
                && old.envs().equals(f.envs()) && old.secrets().equals(f.secrets())
                && old.annotations().equals(f.annotations()) && old.labels().equals(f.labels())
                && Objects.equals(old.concurrency(), f.concurrency());
    }

}
