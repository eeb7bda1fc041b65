package dev.devserver.cli;

import dev.devserver.RunningUp;
import dev.devserver.session.Session;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * What `up` and `cluster` share once their session serves: the record in {@code .devserver/up.json} (for `kubeconfig`,
 * `get`, `invoke`), and the stop on Ctrl-C or SIGTERM (graceful; a second one forces it), which removes the record.
 */
final class Foreground {
    private final Session session;
    private final Path dir;
    private final long pid = ProcessHandle.current().pid();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Foreground(Session session, Path dir, String host, String namespace) {
        this.session = session;
        this.dir = dir;
        new RunningUp(pid, host, session.port(), session.httpsPort(), namespace, session.kubeApiPort(),
                session.kubeApiCa().toString()).write(dir);
    }

    /** On the first signal: {@code beforeClose} (say so), then the session closes; the second forces it. */
    Foreground onStop(ShutdownTasks shutdown, Runnable beforeClose, Runnable onForce) {
        shutdown.add(() -> {
            RunningUp.remove(dir, pid);
            beforeClose.run();
            session.close();
            stopped.countDown();
        });
        StopSignals.install(() -> {
            onForce.run();
            session.force();
        });
        return this;
    }

    void await() throws InterruptedException {
        stopped.await();
    }

    static String stopping(int inFlight, long graceSeconds) {
        String requests = inFlight == 0 ? "" : "finishing " + inFlight + (inFlight == 1 ? " request" : " requests")
                + " in flight, then ";
        return "Stopping: " + requests + "SIGTERM to the containers (they get up to " + graceSeconds
                + " s before SIGKILL; Ctrl-C again to force)…";
    }
}
