package dev.devserver.tls;

import dev.devserver.DevserverException;

import java.nio.file.Path;

/**
 * Whether `up` serves HTTPS, where, and with whose certificate.
 *
 * @param httpsPort   0 picks a free port
 * @param certificate the user's PEM chain (leaf first), or null for one from devserver's local CA
 * @param key         the user's PEM private key; given exactly when certificate is
 */
public record TlsOptions(boolean enabled, int httpsPort, Path certificate, Path key) {
    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final TlsOptions OFF = new TlsOptions(false, DEFAULT_HTTPS_PORT, null, null);

    public TlsOptions {
        if ((certificate == null) != (key == null)) {
            throw new DevserverException(certificate == null
                    ? "--tls-key needs --tls-cert: give the certificate chain too (Certbot: fullchain.pem)."
                    : "--tls-cert needs --tls-key: give the certificate's private key too (Certbot: privkey.pem).");
        }
        if (httpsPort < 0 || httpsPort > 65535) {
            throw new DevserverException("--https-port must be 0..65535, was " + httpsPort + ".");
        }
    }

    /** HTTPS with a certificate from devserver's local CA. */
    public static TlsOptions localCa(int httpsPort) {
        return new TlsOptions(true, httpsPort, null, null);
    }

    /** HTTPS with the user's own certificate and key. */
    public static TlsOptions userCertificate(int httpsPort, Path certificate, Path key) {
        return new TlsOptions(true, httpsPort, certificate, key);
    }
}
