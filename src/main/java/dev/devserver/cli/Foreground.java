package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.RunningUp;
import dev.devserver.session.Session;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * What `up` and `cluster` share from the moment their session exists: the stop on Ctrl-C or SIGTERM (graceful; a
 * second one forces it), which closes the session even while it still builds or starts, and the record in
 * {@code .devserver/up.json} (for `kubeconfig`, `get`, `invoke`), written once the session listens and removed at the
 * stop, so kubectl reaches `up` while its functions come up, as it shows a Knative service not ready yet.
 */
final class Foreground {
    private static final long PID = ProcessHandle.current().pid();
    private final Path dir;
    private final String host;
    private final String namespace;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Session session;
    private boolean stopping;

    Foreground(Path dir, String host, String namespace) {
        this.dir = dir;
        this.host = host;
        this.namespace = namespace;
    }

    /** For {@link Session#start}: the session exists (its router bound); its record follows once its API listens. */
    synchronized void opened(Session session) {
        this.session = session;
        session.whenListening(this::record);
    }

    private synchronized void record() {
        if (stopping) {
            return; // stopped before the API listened: no record of a process about to end
        }
        try {
            new RunningUp(PID, host, session.port(), session.httpsPort(), namespace, session.kubeApiPort(),
                    session.kubeApiCa().toString()).write(dir);
        } catch (DevserverException e) {
            System.err.println(e.getMessage()); // serving goes on; only the verbs that look for it will not find it
        }
    }

    /** On the first signal: {@code beforeClose} (say so), then the session closes; the second forces it. */
    Foreground onStop(ShutdownTasks shutdown, Consumer<Session> beforeClose, Runnable onForce) {
        shutdown.add(() -> {
            Session opened;
            synchronized (this) {
                stopping = true;
                RunningUp.remove(dir, PID);
                opened = session;
            }
            if (opened != null && !opened.closed()) { // not when its start failed and closed it
                beforeClose.accept(opened);
                opened.close();
            }
            stopped.countDown();
        });
        StopSignals.install(() -> {
            onForce.run();
            Session opened;
            synchronized (this) {
                opened = session;
            }
            if (opened != null) {
                opened.force();
            }
        });
        return this;
    }

    void await() throws InterruptedException {
        stopped.await();
    }

    /**
     * Whether a stop came while the session built or started; if so, once the stop is done. The command then ends
     * without the summary of a ready session: the stop said what it does, and nothing serves.
     */
    boolean stoppedWhileStarting(Session started) throws InterruptedException {
        if (!started.closed()) {
            return false;
        }
        await();
        return true;
    }

    static String stopping(int inFlight, long graceSeconds) {
        String requests = inFlight == 0 ? "" : "finishing " + inFlight + (inFlight == 1 ? " request" : " requests")
                + " in flight, then ";
        return "Stopping: " + requests + "SIGTERM to the containers (they get up to " + graceSeconds
                + " s before SIGKILL; Ctrl-C again to force)…";
    }
}
