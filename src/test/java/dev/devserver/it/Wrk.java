package dev.devserver.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's wrk (/usr/bin/wrk) against the router, with the function's Host header; parses its summary. */
public record Wrk(long requests, long non2xx, long socketErrors, double requestsPerSecond, String text) {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    public static boolean installed() {
        return new File("/usr/bin/wrk").canExecute();
    }

    public static Wrk run(int port, String host, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-H", "Host: " + host, "http://127.0.0.1:" + port + "/")).redirectErrorStream(true).start();
        String text = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new AssertionError("wrk failed:\n" + text);
        }
        Matcher requests = REQUESTS.matcher(text);
        if (!requests.find()) {
            throw new AssertionError("cannot read wrk's summary:\n" + text);
        }
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(text);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher non2xx = NON_2XX.matcher(text);
        Matcher rate = RATE.matcher(text);
        return new Wrk(Long.parseLong(requests.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errors,
                rate.find() ? Double.parseDouble(rate.group(1)) : 0, text);
    }
}
