package dev.devserver.cli;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;

/**
 * Clean-up to run on Ctrl-C or SIGTERM. Quarkus fires its ShutdownEvent before it closes Vert.x, so tasks run here
 * (unlike a plain JVM shutdown hook, which races Vert.x's close) still find the router and event loops alive.
 */
@ApplicationScoped
public class ShutdownTasks {
    private final List<Runnable> tasks = new ArrayList<>();

    public synchronized void add(Runnable task) {
        tasks.add(task);
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        for (Runnable task : tasks) {
            task.run();
        }
        tasks.clear();
    }
}
