package dev.devserver.image;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** Follows one `docker build`: forwards each output line, remembers the last step and lines, and the error if any. */
final class StreamingBuild extends ResultCallback.Adapter<BuildResponseItem> {
    private static final int TAIL = 15;
    private final Consumer<String> lines;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private String step = "";
    private String error;
    private volatile boolean cancelled;

    StreamingBuild(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            partial.append(item.getStream());
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                emit(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        }
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
        }
    }

    private void emit(String line) {
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("Step ")) {
            step = line;
        } else if (line.matches("STEP \\d+/\\d+: .*")) { // Podman (buildah) spells it "STEP 2/3: RUN …"
            step = "Step " + line.substring("STEP ".length()).replaceFirst(": ", " : ");
        }
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
        }
        lines.accept(line);
    }

    /** Closing the stream is how a client cancels a build: the engine stops it and removes its step's container. */
    void cancel() {
        cancelled = true;
        closeQuietly();
    }

    /** A cancel that came before the stream opened closes it now. */
    @Override
    public void onStart(Closeable stream) {
        super.onStart(stream);
        if (cancelled) {
            closeQuietly();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException alreadyClosed) {
            // nothing left to cancel
        }
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable.getMessage();
        super.onError(throwable);
    }

    String error() {
        return error;
    }

    String failingStep() {
        return step;
    }

    List<String> tail() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }
}
