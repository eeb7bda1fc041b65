package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import dev.devserver.tls.LoopbackProxy;
import dev.devserver.tls.TestCertificates;
import dev.devserver.tls.TlsOptions;
import dev.devserver.tls.TrustingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * `up --tls` against the real engine, with clients that trust only the CA in question, so every passing call is a real
 * chain and host-name verification. HTTP/1.1 goes to 127.0.0.1 with a Host header (the certificate names 127.0.0.1);
 * HTTP/2 uses the function's own URL through {@link LoopbackProxy}, because over h2 a Host differing from
 * {@code :authority} is malformed (RFC 9113 §8.3.1) and Java cannot resolve *.localhost.
 */
class TlsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "functions-echo-js.gitlab-example-local.localhost";
    private static final String BODY = "{\"GitLab\":\"FaaS\"}";

    private static Session start(Path project, TlsOptions tls) {
        return Sessions.start(project, SessionOptions.defaults().withPort(0).withOfflineBases(true).withWatch(false).withTls(tls));
    }

    @Test
    void theLocalCaCertificateServesHttp11AndHttp2(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("gitlab-example", temp);
        try (Session session = start(project, TlsOptions.localCa(0))) {
            Path tls = project.resolve(".devserver/tls");
            Path ca = tls.resolve("ca.crt");
            assertEquals(ca, session.tls().localCa());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca.key"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("server.key"))));
            int https = session.httpsPort();

            HttpResponse<String> h1 = post(TrustingClient.client(ca, HttpClient.Version.HTTP_1_1),
                    URI.create("https://127.0.0.1:" + https + "/"), HOST, "tls-it-h1");
            assertEquals(200, h1.statusCode(), h1.body());
            assertEquals(HttpClient.Version.HTTP_1_1, h1.version());
            assertEquals(BODY, h1.body());

            try (LoopbackProxy proxy = new LoopbackProxy()) {
                HttpResponse<String> h2 = post(TrustingClient.client(ca, HttpClient.Version.HTTP_2, proxy),
                        URI.create("https://" + HOST + ":" + https + "/"), null, "tls-it-h2");
                assertEquals(200, h2.statusCode(), h2.body());
                assertEquals(HttpClient.Version.HTTP_2, h2.version());
                assertEquals(BODY, h2.body());
            }
            assertEquals(BODY, Http.send(session.port(), HOST, "POST", "/", "application/json", BODY).body(), "HTTP still served");

            assertEquals("HTTP/1.1", loggedProtocol(session, "tls-it-h1"));
            assertEquals("HTTP/2.0", loggedProtocol(session, "tls-it-h2"));
            curlIfInstalled(ca, https);
        }
    }

    @Test
    void aUserSuppliedCertificateIsServed(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("gitlab-example", temp);
        TestCertificates certificates = new TestCertificates();
        TestCertificates.Pair pair = current(certificates, temp.resolve("live"));
        Path ca = certificates.writeCa(temp.resolve("test-ca.pem"));
        try (Session session = start(project, TlsOptions.userCertificate(0, pair.certificate(), pair.key()));
             LoopbackProxy proxy = new LoopbackProxy()) {
            assertFalse(session.tls().fromLocalCa());
            // The local CA still signs the Kubernetes API's own loopback listener (kubectl needs TLS), never the router.
            assertNotEquals(session.httpsPort(), session.kubeApiPort(), "the user's certificate does not serve the API");
            HttpResponse<String> response = post(TrustingClient.client(ca, HttpClient.Version.HTTP_2, proxy),
                    URI.create("https://" + HOST + ":" + session.httpsPort() + "/"), null, "tls-it-user");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(BODY, response.body());
        }
    }

    /** A certificate for the project's function hosts, valid from yesterday for 90 days. */
    private static TestCertificates.Pair current(TestCertificates certificates, Path file) {
        Instant now = Instant.now();
        return certificates.leaf(file, List.of("*.gitlab-example-local.localhost"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90)));
    }

    /** Each case as a user meets it: the packaged `up`, exit 1, the file and the fix named, no stack trace. */
    @Test
    void badCertificatesStopUpWithAClearMessage(@TempDir Path temp) throws Exception {
        Path project = TestProjects.copy("gitlab-example", temp);
        TestCertificates certificates = new TestCertificates();
        Instant now = Instant.now();
        TestCertificates.Pair good = current(certificates, temp.resolve("good"));
        TestCertificates.Pair other = current(certificates, temp.resolve("other"));
        Instant expiredOn = now.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        TestCertificates.Pair expired = certificates.leaf(temp.resolve("expired"), List.of("*.gitlab-example-local.localhost"),
                now.minus(Duration.ofDays(92)), expiredOn);
        TestCertificates.Pair elsewhere = certificates.leaf(temp.resolve("elsewhere"), List.of("*.localhost", "*.example.com"),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
        Map<String, List<String>> cases = Map.of(
                "mismatched pair", List.of(good.certificate().toString(), other.key().toString(),
                        "The private key " + other.key() + " (--tls-key) does not belong to the certificate " + good.certificate()),
                "expired", List.of(expired.certificate().toString(), expired.key().toString(),
                        "(--tls-cert) expired on " + expiredOn),
                "names", List.of(elsewhere.certificate().toString(), elsewhere.key().toString(),
                        "does not cover " + HOST),
                "not PEM", List.of(project.resolve("serverless.yml").toString(), good.key().toString(),
                        "serverless.yml (--tls-cert) holds no PEM certificate"));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Process up = CliIT.devserver(project, "up", "--port", "0", "--https-port", "0",
                    "--tls-cert", c.getValue().get(0), "--tls-key", c.getValue().get(1)).start();
            String output = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = up.waitFor();
            if (exit != 1 || !output.contains(c.getValue().get(2)) || output.contains("Exception") || output.contains("\tat ")) {
                failures.add(c.getKey() + ": exit " + exit + ", output:\n" + output);
            }
        }
        assertEquals(List.of(), failures);
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String host, String userAgent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (host != null) {
            request.header("Host", host);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request log's protocol for the request sent with this User-Agent (the log is written when the exchange ends). */
    private static String loggedProtocol(Session session, String userAgent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(session.requestLog())) {
                JsonNode http = JSON.readTree(line).get("httpRequest");
                if (http != null && userAgent.equals(http.path("userAgent").asText())) {
                    return http.get("protocol").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request-log line with User-Agent " + userAgent);
    }

    /** The README's own instruction, run for real when curl is installed (it resolves the function host by --resolve). */
    private static void curlIfInstalled(Path ca, int https) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/curl"))) {
            return;
        }
        Process curl = new ProcessBuilder("curl", "-sS", "--fail", "--http2", "--cacert", ca.toString(),
                "--resolve", HOST + ":" + https + ":127.0.0.1", "-H", "Content-Type: application/json", "-d", BODY,
                "-w", "\n%{http_version}", "https://" + HOST + ":" + https + "/").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), output);
        assertEquals(BODY + "\n2", output);
    }
}
