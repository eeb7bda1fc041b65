package dev.devserver.cli;

import dev.devserver.Bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET to the devserver on this machine, on a plain socket, for verbs that must answer within 200 ms.
 * The JDK's clients spend a quarter of that before they send anything: HttpURLConnection first looks for URL handler
 * providers in every jar of the class path (about 30 ms for devserver's 150) and starts java.util.logging, and
 * java.net.http sets up a selector thread and TLS. What devserver's API answers a GET with, on a connection it closes
 * after, is a status line, headers and a body that is either the rest of the stream or chunked.
 */
final class LoopbackGet {
    record Answer(int status, byte[] body) {
    }

    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    private LoopbackGet() {
    }

    /** GETs {@code path} from 127.0.0.1:{@code port} with {@code headers}; a refused connection is a ConnectException. */
    static Answer get(int port, String path, Map<String, String> headers, int connectMillis, int readMillis)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), connectMillis);
            socket.setSoTimeout(readMillis);
            StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port).append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    static Answer parse(byte[] response) throws IOException {
        int headersEnd = Bytes.indexOf(response, 0, response.length, END_OF_HEADERS);
        if (headersEnd < 0) {
            throw new IOException("the answer is not HTTP (no end of headers)");
        }
        String[] head = new String(response, 0, headersEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("the answer is not HTTP: " + head[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the answer is not HTTP: " + head[0]);
        }
        boolean chunked = false;
        for (int i = 1; i < head.length; i++) {
            String line = head[i].toLowerCase(Locale.ROOT);
            chunked |= line.startsWith("transfer-encoding:") && line.contains("chunked");
        }
        int bodyStart = headersEnd + END_OF_HEADERS.length;
        return new Answer(status, chunked ? dechunk(response, bodyStart)
                : Arrays.copyOfRange(response, bodyStart, response.length));
    }

    /** A chunked body: hex size (extensions after ';' ignored), CRLF, that many bytes, CRLF; a size of 0 ends it. */
    private static byte[] dechunk(byte[] response, int at) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = Bytes.indexOf(response, at, response.length, CRLF);
            if (lineEnd < 0) {
                throw new IOException("the answer's chunked body ends early");
            }
            String size = new String(response, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";", 2)[0].strip();
            int length;
            try {
                length = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("the answer's chunked body has a bad chunk size: " + size);
            }
            if (length == 0) {
                return body.toByteArray();
            }
            int dataStart = lineEnd + 2;
            if (length < 0 || dataStart + length > response.length) {
                throw new IOException("the answer's chunked body ends early");
            }
            body.write(response, dataStart, length);
            at = dataStart + length + 2;
        }
    }
}
