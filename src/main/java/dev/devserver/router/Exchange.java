package dev.devserver.router;

import dev.devserver.serving.Lease;
import dev.devserver.serving.ServiceRoute;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * One request to a function on its way through the handler chain: what each step learned, and the
 * one place where the request ends, so the lease is released and the record written exactly once.
 * Confined to the request's event loop; no locking needed.
 */
final class Exchange {
    /** nginx's convention for "client closed the connection before the response was complete". */
    static final int CLIENT_CLOSED = 499;

    final HttpServerRequest request;
    final String hostName;
    final ServiceRoute route;
    /** Arrived on the cluster listener: a call from a function container. */
    final boolean fromCluster;
    final long startNanos = System.nanoTime();
    /** The W3C traceparent sent upstream: the caller's when valid, else from the caller's B3 ids, else a new trace. */
    final String traceparent;
    final String traceId;
    private Lease lease;
    private boolean ended;
    private boolean aborted;
    private final List<Runnable> onEnd = new ArrayList<>(2);
    private Runnable onAbort;

    Exchange(HttpServerRequest request, String hostName, ServiceRoute route, boolean fromCluster) {
        this.request = request;
        this.hostName = hostName;
        this.route = route;
        this.fromCluster = fromCluster;
        this.traceparent = TraceParent.keepOrCreate(request.headers());
        this.traceId = TraceParent.traceId(traceparent);
        HttpServerResponse response = request.response();
        // Vert.x calls the end handler also when the connection closes first, so end() checks ended() itself.
        response.endHandler(v -> end(false));
        response.closeHandler(v -> end(false));
    }

    HttpServerResponse response() {
        return request.response();
    }

    Lease lease() {
        return lease;
    }

    /** Takes the lease; a lease that arrives after the request already ended goes straight back. */
    void lease(Lease newLease) {
        if (ended) {
            newLease.release();
        } else {
            lease = newLease;
        }
    }

    boolean ended() {
        return ended;
    }

    boolean aborted() {
        return aborted;
    }

    void onEnd(Runnable action) {
        onEnd.add(action);
    }

    /** What to cancel upstream when the caller goes away mid-request. */
    void onAbort(Runnable action) {
        onAbort = action;
    }

    /** A spliced connection (an upgrade) closed: the request ends, as answered. */
    void tunnelClosed() {
        end(false);
    }

    /** Answers with a plain-text error unless a response already started, in which case the connection is cut. */
    void fail(int status, String message) {
        HttpServerResponse response = response();
        if (ended) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            end(true);
            return;
        }
        if (!request.isEnded()) {
            request.resume(); // drop the unread body so the connection can carry the next request
        }
        Replies.text(response, status, message);
    }

    private void end(boolean forceAbort) {
        if (ended) {
            return;
        }
        ended = true;
        aborted = forceAbort || !response().ended();
        if (aborted && onAbort != null) {
            onAbort.run();
        }
        if (lease != null) {
            lease.release();
        }
        for (Runnable action : onEnd) {
            action.run();
        }
    }
}
