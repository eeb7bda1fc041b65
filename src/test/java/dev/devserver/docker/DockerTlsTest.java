package dev.devserver.docker;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.devserver.DevserverException;
import dev.devserver.tls.Pem;
import dev.devserver.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DOCKER_TLS_VERIFY with DOCKER_CERT_PATH: a real TLS handshake with an engine's CA and a client certificate. */
class DockerTlsTest {
    @TempDir
    Path certs;

    private final TestCertificates pki = new TestCertificates();

    private DefaultDockerClientConfig config() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("tcp://127.0.0.1:2376")
                .withDockerTlsVerify(true).withDockerCertPath(certs.toString()).build();
    }

    @Test
    void trustsTheEnginesCaAndPresentsTheClientCertificate() throws Exception {
        TestCertificates.Pair client = current(certs.resolve("client"), "docker-client");
        Files.move(client.certificate(), certs.resolve("cert.pem"));
        Files.move(client.key(), certs.resolve("key.pem"));
        pki.writeCa(certs.resolve("ca.pem"));
        TestCertificates.Pair engine = current(certs.resolve("engine"), "localhost");

        SSLContext context = DockerTls.of(config()).getSSLContext();

        try (SSLServerSocket server = (SSLServerSocket) engineContext(engine).getServerSocketFactory().createServerSocket(0)) {
            server.setNeedClientAuth(true);
            CompletableFuture<Certificate[]> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    return accepted.getSession().getPeerCertificates();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
                socket.startHandshake();
                assertTrue(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                        .getName().contains("localhost"), "the engine's certificate, trusted through ca.pem");
            }
            X509Certificate presented = (X509Certificate) seen.get(10, TimeUnit.SECONDS)[0];
            assertTrue(presented.getSubjectX500Principal().getName().contains("docker-client"), "cert.pem was presented");
        }
        assertNull(Security.getProvider("BC"), "no Bouncy Castle provider registered");
    }

    @Test
    void aMissingFileIsNamed() {
        DevserverException e = assertThrows(DevserverException.class, () -> DockerTls.of(config()).getSSLContext());
        assertTrue(e.getMessage().contains(certs.resolve("ca.pem").toString()) && e.getMessage().contains("DOCKER_CERT_PATH"),
                e.getMessage());
    }

    @Test
    void withoutTlsVerifyThereIsNoTls() {
        assertNull(DockerTls.of(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").withDockerTlsVerify(false).build()));
    }

    /** A certificate valid now (the handshake checks dates against the clock). */
    private TestCertificates.Pair current(Path dir, String name) {
        Instant now = Instant.now();
        return pki.leaf(dir, List.of(name), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    /** The engine's side: its own certificate, and any client certificate accepted so the test can look at it. */
    private static SSLContext engineContext(TestCertificates.Pair engine) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("engine", Pem.privateKey(engine.key(), "test"), new char[0],
                Pem.certificates(engine.certificate(), "test").toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        TrustManager anyClient = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {anyClient}, null);
        return context;
    }
}
