package dev.devserver.router;

import dev.devserver.serving.Lease;
import dev.devserver.serving.NotReadyException;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Activator step: waits for serving to hand out a lease on a ready container (at once when warm, after a
 * cold start otherwise), bounded by the activation timeout. The request body stays paused meanwhile.
 */
record ActivateStep(Vertx vertx, Duration timeout, Handler<Exchange> next) implements Handler<Exchange> {
    @Override
    public void handle(Exchange exchange) {
        CompletableFuture<Lease> acquired;
        try {
            acquired = exchange.route.acquire().toCompletableFuture();
        } catch (RuntimeException e) {
            acquired = CompletableFuture.failedFuture(e);
        }
        if (acquired.isDone()) { // warm path: no timer, no thread hop
            Lease lease = null;
            Throwable error = null;
            try {
                lease = acquired.join();
            } catch (CompletionException | CancellationException e) {
                error = e;
            }
            complete(exchange, lease, error);
            return;
        }
        Context context = vertx.getOrCreateContext();
        // Under `up --debug` the one container may hold a request at a breakpoint: the next one waits for it.
        long timer = exchange.route.debugged() ? -1 : vertx.setTimer(Math.max(1, timeout.toMillis()), id -> exchange.fail(503,
                "Service Unavailable: " + exchange.route.function() + " (" + exchange.route.knativeService()
                        + ") did not become ready within " + timeout.toSeconds() + "s (activation timeout)"));
        acquired.whenComplete((lease, error) -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            complete(exchange, lease, error);
        }));
    }

    private void complete(Exchange exchange, Lease lease, Throwable error) {
        if (lease != null) {
            exchange.lease(lease); // released at once if the request already ended (timeout, caller gone)
        }
        if (exchange.ended() || exchange.response().headWritten()) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof NotReadyException notReady) {
                exchange.fail(notReady.status(), notReady.getMessage());
            } else {
                exchange.fail(502, "Bad Gateway: could not get a container for " + exchange.route.function() + ": " + cause);
            }
            return;
        }
        next.handle(exchange);
    }
}
