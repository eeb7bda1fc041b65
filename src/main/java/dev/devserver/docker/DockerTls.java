package dev.devserver.docker;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.transport.SSLConfig;
import dev.devserver.DevserverException;
import dev.devserver.tls.Pem;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS to an engine that asks for it (DOCKER_TLS_VERIFY=1): DOCKER_CERT_PATH's ca.pem, cert.pem and key.pem, as the
 * docker CLI reads them, with the JDK's TLS. docker-java's own {@link LocalDirectorySSLConfig} registers Bouncy
 * Castle's JCA provider, which devserver's runtime leaves out (application.properties says why).
 */
final class DockerTls implements SSLConfig {
    private static final String FLAG = "DOCKER_CERT_PATH";
    private final Path folder;

    private DockerTls(Path folder) {
        this.folder = folder;
    }

    /** The engine's TLS settings as docker-java read them from the environment, or null for none. */
    static SSLConfig of(DefaultDockerClientConfig config) {
        return config.getSSLConfig() instanceof LocalDirectorySSLConfig local
                ? new DockerTls(Path.of(local.getDockerCertPath())) : config.getSSLConfig();
    }

    @Override
    public SSLContext getSSLContext() {
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new DevserverException("DOCKER_TLS_VERIFY is set, but " + folder.resolve(file) + " (" + FLAG
                        + ") does not exist. Point DOCKER_CERT_PATH at the folder with the engine's ca.pem, cert.pem and "
                        + "key.pem (docker context inspect shows it), or unset DOCKER_TLS_VERIFY.");
            }
        }
        try {
            List<X509Certificate> chain = Pem.certificates(folder.resolve("cert.pem"), FLAG);
            KeyStore keys = emptyStore();
            keys.setKeyEntry("client", Pem.privateKey(folder.resolve("key.pem"), FLAG), new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            KeyStore authorities = emptyStore();
            List<X509Certificate> cas = Pem.certificates(folder.resolve("ca.pem"), FLAG);
            for (int i = 0; i < cas.size(); i++) {
                authorities.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(authorities);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new DevserverException("Cannot set up TLS to the Docker engine from " + folder + " (" + FLAG + "): "
                    + e.getMessage() + ". Check that cert.pem and key.pem belong together and ca.pem is the engine's CA.");
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
