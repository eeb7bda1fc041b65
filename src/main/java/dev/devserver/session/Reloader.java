package dev.devserver.session;

import dev.devserver.DevserverException;
import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Mode;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import dev.devserver.secrets.SecretStore;
import dev.devserver.serving.Serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Hot reload: turns changed files into new revisions of exactly the functions they affect. A broken serverless.yml
 * or a failed build leaves the running revisions serving and says why.
 */
final class Reloader {
    private final CurrentProject project;
    private final ImageBuilder builder;
    private final Serving serving;
    private final Path runtimesRoot;
    /** Files every runtime build context gets (the classic watchdog): an edit there rebuilds every runtime function. */
    private final Path sharedRuntimeFiles;
    private final SecretStore secrets;
    private final Map<String, String> fingerprints = new HashMap<>();
    private final SessionListener listener;
    /** Changes wait for the first deploy: there is nothing to roll a new revision over before it. */
    private final CountDownLatch deployed = new CountDownLatch(1);

    private final RetiredImages retired;

    Reloader(CurrentProject project, ImageBuilder builder, Serving serving, Path runtimesRoot,
             SecretStore secrets, RetiredImages retired, SessionListener listener) {
        this.retired = retired;
        this.project = project;
        this.builder = builder;
        this.serving = serving;
        this.runtimesRoot = runtimesRoot;
        this.sharedRuntimeFiles = runtimesRoot.resolve("_shared");
        this.secrets = secrets;
        this.listener = listener;
        project.get().referencedSecrets().forEach(name -> fingerprints.put(name, secrets.fingerprint(name)));
    }

    /** The first deploy is done: changes seen until now are rolled out, later ones as they come. */
    void deployed() {
        serving.headStart().prepareForEdits();
        deployed.countDown();
    }

    private boolean awaitDeployed() {
        try {
            deployed.await();
            return true;
        } catch (InterruptedException e) { // the session is closing
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called when the secret store changed: rolls out the functions whose secrets were created, replaced or deleted. */
    synchronized void secretsChanged() {
        if (!awaitDeployed()) {
            return;
        }
        long start = System.nanoTime();
        Project current = project.get();
        Map<String, String> causes = new LinkedHashMap<>();
        for (String name : current.referencedSecrets()) {
            String fingerprint = secrets.fingerprint(name);
            if (!fingerprint.equals(fingerprints.put(name, fingerprint))) {
                String what = "secret " + name + (fingerprint.isEmpty() ? " deleted" : " changed");
                current.functions().stream().filter(f -> current.secrets(f).contains(name))
                        .forEach(f -> causes.putIfAbsent(f.name(), what));
            }
        }
        rollOut(current, causes, start);
    }

    /** Called with the files that changed; rebuilds and rolls out the functions they affect. */
    synchronized void changed(Set<Path> paths) {
        if (!awaitDeployed()) {
            return;
        }
        long start = System.nanoTime();
        Project current = project.get();
        Map<String, String> causes = new LinkedHashMap<>();
        if (current.mode() == Mode.FUNCTIONS && paths.contains(current.file())) {
            Project next;
            try {
                next = ProjectLoader.load(current.file(), new Settings(current.namespace(), current.domain()));
            } catch (DevserverException e) {
                listener.projectRejected(e.getMessage());
                return;
            }
            for (FunctionSpec f : next.functions()) {
                if (!sameConfiguration(current, next, f)) {
                    causes.put(f.name(), "serverless.yml changed");
                }
            }
            project.set(next);
            serving.projectChanged();
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
        retired.rollingOut();
        serving.headStart().expectRevisions(affected.stream().map(FunctionSpec::name).toList());
        List<BuildResult> builds = builder.buildAll(current, affected, BuildListener.SILENT);
        for (BuildResult build : builds) {
            String name = build.function().name();
            if (!build.ok()) {
                listener.reloadFailed(name, causes.get(name), "build failed: " + build.error(), build.logTail());
                continue;
            }
            serving.rollOut(build, secrets.lookup()).whenComplete((revision, error) -> {
                if (error == null) {
                    listener.reloaded(name, revision, Duration.ofNanos(System.nanoTime() - start), causes.get(name));
                    retired.remove(() -> serving.views().stream().filter(v -> v.function().equals(name)).findFirst());
                } else if (build.pending() != null && build.pending().committed().isCompletedExceptionally()) {
                    // the layer's commit failed (it ran after the build returned): a full build says it properly
                    rollOut(current, Map.of(name, causes.get(name)), start);
                } else {
                    listener.reloadFailed(name, causes.get(name), "the new revision did not become ready: "
                            + Failures.rootMessage(error), List.of());
                }
            });
        }
    }

    private boolean usesRuntimeFile(FunctionSpec f, Path path) {
        return f.runtime() != null && path.startsWith(runtimesRoot)
                && (path.startsWith(runtimesRoot.resolve(f.runtime())) || path.startsWith(sharedRuntimeFiles));
    }

    /** Whole configurations compared (see {@link Project#configuration}): a field added later cannot be missed. */
    static boolean sameConfiguration(Project before, Project after, FunctionSpec f) {
        return before.function(f.name()).map(before::configuration).filter(after.configuration(f)::equals).isPresent();
    }

}
