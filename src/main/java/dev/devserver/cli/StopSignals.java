package dev.devserver.cli;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM for `up`: the first starts the normal shutdown (which drains and stops gracefully);
 * a second one, while that waits, forces it. The JVM's own handling cannot do this: once shutdown has begun it
 * ignores further signals.
 */
final class StopSignals {
    private StopSignals() {
    }

    static void install(Runnable force) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[]{"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (received.incrementAndGet() == 1) {
                    // The exit status the JVM's default handler gives (128 + signal number); off this thread so
                    // the next signal can still be handled while shutdown runs.
                    new Thread(() -> System.exit(128 + signal.getNumber()), "devserver-stop").start();
                } else {
                    force.run();
                }
            });
        }
    }
}
