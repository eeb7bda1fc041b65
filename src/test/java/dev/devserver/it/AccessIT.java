package dev.devserver.it;

import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import dev.devserver.secrets.SecretStore;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who can reach a running `up`: only this machine (loopback), the API and UI only under devserver's own names (no
 * DNS rebinding), state changes only from its own origin, a strict CSP, and secrets on disk readable by their owner
 * only. The UI's escaping of untrusted output is proven in a real browser by {@link DevUiIT}.
 */
class AccessIT {
    static final String HOST = "functions-echo-js.gitlab-example-local.localhost";

    @Test
    void onlyThisMachineAndOnlyDevserversOwnNamesReachTheApi(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("gitlab-example", temp).toRealPath();
        SecretStore secrets = new SecretStore(project, ProjectLoader.load(project, Settings.defaults()).namespace());
        secrets.create("my-secrets", Map.of("API_TOKEN", "s3cr3t-value"));
        try (Session session = Sessions.start(project, SessionOptions.defaults().withPort(0).withOfflineBases(true).withWatch(false))) {
            int port = session.port();
            // Loopback only: the one listener on this port (router, API and UI share it) is 127.0.0.1, no wildcard.
            assertEquals(List.of("127.0.0.1"), listeners(port), "bound addresses of port " + port);

            assertEquals(200, Http.get(port, "localhost", "/devserver/v1/functions").statusCode());
            for (String foreign : List.of("evil.com", "evil.com:" + port, "localhost.evil.com", "127.0.0.1.nip.io")) {
                HttpResponse<String> reply = Http.get(port, foreign, "/devserver/v1/functions");
                assertTrue(reply.statusCode() == 403 || reply.statusCode() == 404, foreign + " got " + reply.statusCode());
                assertFalse(reply.body().contains("echo-js") || reply.body().contains("s3cr3t"), foreign + ": " + reply.body());
                HttpResponse<String> root = Http.get(port, foreign, "/");
                assertFalse(root.body().contains("echo-js"), foreign + " / : " + root.body());
            }

            HttpResponse<String> invoke = post(port, "/devserver/v1/functions/echo-js/invoke", "http://evil.com");
            assertEquals(403, invoke.statusCode(), invoke.body());
            assertEquals(403, post(port, "/devserver/v1/functions/echo-js/invoke", "null").statusCode());
            assertEquals(200, post(port, "/devserver/v1/functions/echo-js/invoke", "http://localhost:" + port).statusCode());

            HttpResponse<String> ui = Http.get(port, "localhost", "/");
            String csp = ui.headers().firstValue("Content-Security-Policy").orElse("");
            for (String directive : List.of("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "base-uri 'none'", "form-action 'self'")) {
                assertTrue(csp.contains(directive), "CSP lacks " + directive + ": " + csp);
            }
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("*"), csp);
            assertEquals("nosniff", ui.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
        // Everything under .devserver that holds secrets is the owner's only: files 0600, folders 0700.
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(project.resolve(".devserver/secrets"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                String expected = Files.isDirectory(file) ? "rwx------" : "rw-------";
                checked++;
                if (!mode.equals(expected)) {
                    wrong.add(file + " " + mode);
                }
            }
        }
        try (Stream<Path> all = Files.walk(project.resolve(".devserver"))) {
            for (Path file : (Iterable<Path>) all::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (name.endsWith(".key") || name.endsWith(".pem") || name.contains("secret"))) {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                    if (!mode.equals("rw-------")) {
                        wrong.add(file + " " + mode);
                    }
                }
            }
        }
        assertTrue(checked >= 2, "no secret files found to check");
        assertEquals(List.of(), wrong);
    }

    private static HttpResponse<String> post(int port, String path, String origin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", "localhost:" + port).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"hi\"}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Local addresses listening on {@code port}, from /proc/net/tcp and tcp6 (IPv4 in dotted form, IPv6 in hex). */
    static List<String> listeners(int port) throws Exception {
        List<String> found = new ArrayList<>();
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    String address = f[1].substring(0, f[1].indexOf(':'));
                    if (address.length() == 32 && address.startsWith("0000000000000000FFFF0000")) {
                        address = address.substring(24); // IPv4-mapped IPv6 (::ffff:a.b.c.d): the same IPv4 address
                    }
                    found.add(address.length() == 8 ? ipv4(address) : address);
                }
            }
        }
        return found.stream().distinct().toList();
    }

    private static String ipv4(String littleEndianHex) {
        long v = Long.parseLong(littleEndianHex, 16);
        return (v & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 24) & 0xFF);
    }
}
