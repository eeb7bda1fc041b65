package dev.devserver.session;

import dev.devserver.image.ImageBuilder;
import dev.devserver.secrets.SecretStore;
import dev.devserver.serving.Serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hot reload while `up` runs: the project folder and the runtime templates are watched (the project's ignores
 * apart), and so is the secrets folder; what changed goes to the {@link Reloader}, which rolls it out.
 */
final class HotReload implements AutoCloseable {
    private final Reloader reloader;
    private final List<FileWatcher> watchers = new CopyOnWriteArrayList<>();

    private HotReload(Reloader reloader) {
        this.reloader = reloader;
    }

    /** Watching from before the first build: an edit saved while it runs is rolled out once the deploy is done. */
    static HotReload start(CurrentProject project, ImageBuilder builder, Serving serving, Path runtimesRoot,
                           SecretStore secrets, RetiredImages retiredImages, SessionListener listener) {
        Reloader reloader = new Reloader(project, builder, serving, runtimesRoot, secrets, retiredImages, listener);
        HotReload reload = new HotReload(reloader);
        try {
            reload.watchers.add(new FileWatcher(Set.of(project.get().dir(), runtimesRoot), new WatchIgnore(project),
                    FileWatcher.DEBOUNCE, reloader::changed));
            reload.watchers.add(new FileWatcher(Set.of(secrets.folder()), path -> false, FileWatcher.DEBOUNCE,
                    changed -> reloader.secretsChanged()));
        } catch (IOException e) {
            listener.message("Cannot watch " + project.get().dir() + " for changes (" + e.getMessage() + "); hot reload is off.");
        }
        return reload;
    }

    /** The first deploy is done: what changed meanwhile rolls out now. */
    void deployed() {
        reloader.deployed();
    }

    @Override
    public void close() {
        watchers.forEach(FileWatcher::close);
    }
}
