package dev.devserver.router;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Counts the requests to functions in flight, so `up` can stop as Knative drains a pod: once {@link #drain} began,
 * new requests get 503 (there is no other replica to send them to) while those in flight finish.
 */
record DrainStep(AtomicInteger inFlight, BooleanSupplier draining, Handler<Exchange> next) implements Handler<Exchange> {
    @Override
    public void handle(Exchange exchange) {
        if (draining.getAsBoolean()) {
            exchange.request.resume();
            exchange.response().putHeader(HttpHeaders.CONNECTION, "close");
            Replies.text(exchange.response(), 503, "Service Unavailable: devserver is stopping");
            return;
        }
        inFlight.incrementAndGet();
        exchange.onEnd(inFlight::decrementAndGet);
        next.handle(exchange);
    }

    /** Blocks until no request is in flight, {@code max} passed, or {@code cut} says to stop waiting. */
    static boolean awaitIdle(AtomicInteger inFlight, Duration max, BooleanSupplier cut) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline && !cut.getAsBoolean()) {
            Thread.sleep(20);
        }
        return inFlight.get() == 0;
    }
}
