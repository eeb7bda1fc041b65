package dev.devserver.router;

import dev.devserver.tls.LoopbackProxy;
import dev.devserver.tls.LocalCa;
import dev.devserver.tls.TlsMaterial;
import dev.devserver.tls.TrustingClient;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The router's HTTPS server: same chain as HTTP, h2 by ALPN, and proto=https for the container. */
class HttpsTest extends RouterTestBase {
    @TempDir
    static Path tlsFolder;
    private static TlsMaterial material;

    @Override
    Router.Https https() {
        material = new LocalCa(tlsFolder, note -> { }).serverCertificateFor("ns", "localhost", Instant.now());
        return new Router.Https(0, material.keyCertOptions());
    }

    /** HTTP/1.1 to 127.0.0.1 with a Host header: the certificate's IP name is checked. */
    private HttpResponse<String> call(HttpClient.Version version) throws Exception {
        HttpClient client = TrustingClient.client(material.localCa(), version);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + router.httpsPort() + "/hello"))
                .header("Host", FN_HOST).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The function's own URL through the loopback proxy: SNI, :authority and the wildcard name are the real ones. */
    private HttpResponse<String> callByName(HttpClient.Version version) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy()) {
            HttpClient client = TrustingClient.client(material.localCa(), version, proxy);
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + FN_HOST + ":" + router.httpsPort() + "/hello")).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void http2ReachesTheFunctionAndIsLoggedAsSuch() throws Exception {
        HttpResponse<String> response = callByName(HttpClient.Version.HTTP_2);
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals("hello from /hello", response.body());
        waitUntil("the request is logged", () -> !records.isEmpty());
        assertEquals("HTTP/2.0", records.get(0).protocol());
        MultiMap seen = upstreamHeaders.get(0);
        assertEquals("https", seen.get("X-Forwarded-Proto"));
        String authority = FN_HOST + ":" + router.httpsPort();
        assertEquals(authority, seen.get("Host"), "the HTTP/2 :authority becomes the container's Host");
        assertEquals("for=127.0.0.1;host=\"" + authority + "\";proto=https", seen.get("Forwarded"));
    }

    @Test
    void http11OverTlsToo() throws Exception {
        HttpResponse<String> response = call(HttpClient.Version.HTTP_1_1);
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        waitUntil("the request is logged", () -> !records.isEmpty());
        assertEquals("HTTP/1.1", records.get(0).protocol());
        assertEquals("https", upstreamHeaders.get(0).get("X-Forwarded-Proto"));
    }

    @Test
    void plainHttpStaysHttp() throws Exception {
        get(FN_HOST + ":" + port, "/x");
        assertEquals("http", upstreamHeaders.get(0).get("X-Forwarded-Proto"));
    }
}
