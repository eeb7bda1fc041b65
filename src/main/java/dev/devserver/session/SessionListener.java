package dev.devserver.session;

import dev.devserver.router.RequestRecord;

import java.time.Duration;
import java.util.List;

/**
 * What a running `up` reports, typed: `up`'s text console and its {@code --json} console each implement this in
 * {@code cli}, so neither has to parse the other's output. Called from several threads; every method has a no-op
 * default so a caller (a test) listens only to what it needs.
 */
public interface SessionListener {
    /**
     * Every function built has its revision routed on {@code port}: a request to one whose container is still
     * starting ({@code starting} of them) waits for it, as Knative's activator holds requests during a cold start.
     * `up` then starts the containers and reports ready once each answered or failed.
     */
    default void routed(int port, int starting) {
    }

    /** A line a function's container printed (also kept in {@code .devserver/logs/<function>.log}). */
    default void containerLine(String function, String revision, boolean stderr, String text) {
    }

    /** A hot reload rolled out: {@code revision} of {@code function} serves since {@code took} after the change. */
    default void reloaded(String function, String revision, Duration took, String cause) {
    }

    /**
     * A hot reload did not roll out, and the previous revision keeps serving.
     *
     * @param reason  why: the build failed, or the new revision did not become ready
     * @param logTail the build's last lines when the build failed, else empty
     */
    default void reloadFailed(String function, String cause, String reason, List<String> logTail) {
    }

    /** The edited serverless.yml has problems (the message names file, line and fix); the previous version serves. */
    default void projectRejected(String problems) {
    }

    /** Serving's notable moments for one function: cold starts, scale to zero, crashed containers. */
    default void notice(String function, String text) {
    }

    /** A request that reached a function (on a background thread; a slow listener skips records, never the log). */
    default void request(RequestRecord record) {
    }

    /** Anything else worth a line: containers left by an earlier run, missing secrets, TLS notes, skipped lines. */
    default void message(String text) {
    }
}
