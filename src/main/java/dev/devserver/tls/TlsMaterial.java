package dev.devserver.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * A checked certificate chain and its private key, ready for the router.
 *
 * @param certificate PEM chain, leaf first
 * @param key         PEM private key
 * @param localCa     devserver's own CA certificate when it issued the chain, else null (the user's certificate)
 */
public record TlsMaterial(Path certificate, Path key, Path localCa) {

    public boolean fromLocalCa() {
        return localCa != null;
    }

    /**
     * What the router's HTTPS server takes. The key is handed over re-encoded as PKCS#8, because Vert.x reads only some
     * of the forms OpenSSL and Certbot write (traditional EC keys, for one).
     */
    public PemKeyCertOptions keyCertOptions() {
        PrivateKey privateKey = Pem.privateKey(key, "--tls-key");
        return new PemKeyCertOptions()
                .setCertPath(certificate.toString())
                .setKeyValue(Buffer.buffer(Pem.encode(privateKey)));
    }
}
