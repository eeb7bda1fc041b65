package dev.devserver.serving;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Turns an engine's log frames into whole lines per stream (a frame may hold part of a line, or several). */
class FrameLines extends ResultCallback.Adapter<Frame> {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final BiConsumer<Boolean, String> lines;

    FrameLines(BiConsumer<Boolean, String> lines) {
        this.lines = lines;
    }

    @Override
    public void onNext(Frame frame) {
        boolean stderr = frame.getStreamType() == StreamType.STDERR;
        StringBuilder buffer = stderr ? err : out;
        buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int newline;
        while ((newline = buffer.indexOf("\n")) >= 0) {
            lines.accept(stderr, buffer.substring(0, newline));
            buffer.delete(0, newline + 1);
        }
    }

    /** The engine refused or ended the stream (a container gone or being removed): the lines end, nothing to report. */
    @Override
    public void onError(Throwable throwable) {
        try {
            close();
        } catch (IOException alreadyClosed) {
            // ended either way
        }
    }
}
