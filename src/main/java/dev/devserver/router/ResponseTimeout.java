package dev.devserver.router;

import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * Knative's revision timeout ({@code timeoutSeconds}, else {@code up --revision-timeout}): how long the container may
 * take to start its answer; 504 after it. The first byte of the answer stops the clock (cancel the timer).
 */
final class ResponseTimeout {
    private ResponseTimeout() {
    }

    /**
     * Starts the clock for the leased revision; returns the timer to cancel once the answer starts. None (-1) for a
     * function under `up --debug`: it may sit at a breakpoint for as long as its developer looks.
     */
    static long start(Vertx vertx, Exchange exchange, Duration fallback) {
        if (exchange.route.debugged()) {
            return -1;
        }
        Duration own = exchange.lease().timeout();
        Duration timeout = own == null ? fallback : own;
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> exchange.fail(504, "Gateway Timeout: "
                + exchange.route.function() + " did not answer within " + timeout.toSeconds() + "s (revision timeout)"));
        exchange.onEnd(() -> vertx.cancelTimer(timer));
        return timer;
    }
}
