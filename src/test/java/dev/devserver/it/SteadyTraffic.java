package dev.devserver.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few clients calling a function in a loop (one request every 20 ms each), recording when each answer came and
 * whether it was a 2xx, so a test can tell how long an outage lasted and how many requests it cost.
 */
final class SteadyTraffic implements AutoCloseable {
    private static final Duration STEADY = Duration.ofSeconds(2);

    record Result(long atNanos, boolean ok) {
    }

    /** @param recoveryMillis from the fault until the first success after the last failure */
    record Outage(long recoveryMillis, long failed, long sent, long recoveredAtNanos) {
    }

    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    static SteadyTraffic start(int port, String host, int clients) {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        SteadyTraffic traffic = new SteadyTraffic();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).header("Host", host)
                .timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                while (traffic.running) {
                    boolean ok;
                    try {
                        ok = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
                    } catch (Exception e) {
                        ok = false;
                    }
                    traffic.results.add(new Result(System.nanoTime(), ok));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "steady-traffic-" + i);
            thread.setDaemon(true);
            thread.start();
            traffic.threads.add(thread);
        }
        return traffic;
    }

    void awaitSuccesses(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (results.stream().filter(Result::ok).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no steady traffic: " + results.size() + " answers, none ok");
            }
            Thread.sleep(50);
        }
    }

    /** Waits until requests have succeeded for 2 s in a row after {@code faultNanos}; fails after {@code maxSeconds}. */
    Outage recoveryAfter(long faultNanos, int maxSeconds) throws InterruptedException {
        long deadline = faultNanos + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (true) {
            Thread.sleep(100);
            long lastFailure = faultNanos;
            long firstOkAfter = -1;
            long failed = 0;
            long sent = 0;
            for (Result r : List.copyOf(results)) {
                if (r.atNanos() < faultNanos) {
                    continue;
                }
                sent++;
                if (!r.ok()) {
                    failed++;
                    lastFailure = Math.max(lastFailure, r.atNanos());
                }
            }
            for (Result r : List.copyOf(results)) {
                if (r.ok() && r.atNanos() > lastFailure && (firstOkAfter < 0 || r.atNanos() < firstOkAfter)) {
                    firstOkAfter = r.atNanos();
                }
            }
            long now = System.nanoTime();
            if (firstOkAfter > 0 && now - lastFailure > STEADY.toNanos() && now - faultNanos > STEADY.toNanos()) {
                return new Outage(TimeUnit.NANOSECONDS.toMillis(failed == 0 ? 0 : firstOkAfter - faultNanos), failed, sent,
                        failed == 0 ? faultNanos : firstOkAfter);
            }
            if (now > deadline) {
                throw new AssertionError("not recovered within " + maxSeconds + " s: " + failed + " of " + sent + " failed");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(10_000);
        }
    }
}
