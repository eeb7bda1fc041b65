package dev.devserver.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The test's `curl --resolve`: an HTTP CONNECT proxy that sends every tunnel to 127.0.0.1 on the asked port. Java
 * cannot resolve {@code *.localhost}, and over HTTP/2 a Host header differing from {@code :authority} makes the request
 * malformed (RFC 9113 §8.3.1; Vert.x resets the stream), so a client that must use the function's own URL (for SNI,
 * {@code :authority} and the wildcard name check) goes through this proxy instead.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;

    public LoopbackProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptAll, "loopback-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public ProxySelector selector() {
        return ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> tunnel(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void tunnel(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            String[] requestLine = head.split("\r\n", 2)[0].split(" ");
            if (requestLine.length < 2 || !requestLine[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread back = daemon(() -> pump(upstream, client));
                pump(client, upstream);
                back.join();
            }
        } catch (IOException | InterruptedException ignored) {
            // the client went away: nothing to clean up beyond the sockets
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the CONNECT head ended");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ignored) {
            // one side closed
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "loopback-proxy-tunnel");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
