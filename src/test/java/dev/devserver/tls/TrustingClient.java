package dev.devserver.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/**
 * A java.net.http client whose trust store holds only the given CA, so a passing call proves the chain and the host
 * name really verify (the JDK checks the name against the URI's host: 127.0.0.1 unless another address is used).
 */
public final class TrustingClient {
    /**
     * The JDK counts the TLS handshake in its connect timeout; a cold JVM's first handshake on a busy 2-core machine
     * took over 5 s. These tests check what is served, not how fast.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private TrustingClient() {
    }

    public static HttpClient client(Path caPem, HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(sslContext(caPem))
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The same, through {@code proxy}: URLs keep the function's host name, which the certificate must cover. */
    public static HttpClient client(Path caPem, HttpClient.Version version, LoopbackProxy proxy) {
        return HttpClient.newBuilder().version(version).sslContext(sslContext(caPem)).proxy(proxy.selector())
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    public static SSLContext sslContext(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
