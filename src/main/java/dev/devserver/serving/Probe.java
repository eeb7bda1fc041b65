package dev.devserver.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Readiness as Knative checks it: the container port accepts a TCP connection and answers HTTP.
 * Any HTTP status counts (a function may reject a bare GET), only a real HTTP response line proves the server is up:
 * Docker's port proxy accepts connections before the process inside listens.
 */
final class Probe {
    private Probe() {
    }

    /** @return true once ready; false when {@code gaveUp} says so (container exited) or the timeout passes */
    static boolean awaitReady(Endpoint endpoint, Duration timeout, BooleanSupplier gaveUp) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(endpoint)) {
                return true;
            }
            if (gaveUp.getAsBoolean()) {
                return false;
            }
            // A cold start is felt by a waiting caller: probe often at first (a loopback connect is cheap), then less.
            Thread.sleep(System.nanoTime() - start < 3_000_000_000L ? 5 : 50);
        }
        return false;
    }

    static boolean answers(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + endpoint.host() + "\r\nUser-Agent: devserver-probe\r\n"
                    + "K-Network-Probe: queue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }
}
