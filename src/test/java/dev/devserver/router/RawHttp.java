package dev.devserver.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Sends bytes exactly as written (any Host, broken framing) and reads the reply until the server closes. */
final class RawHttp {
    private RawHttp() {
    }

    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a reset after the reply still leaves the reply
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static int status(String response) {
        return response.length() < 12 ? -1 : Integer.parseInt(response.substring(9, 12));
    }
}
