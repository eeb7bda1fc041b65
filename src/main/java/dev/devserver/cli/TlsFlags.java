package dev.devserver.cli;

import dev.devserver.tls.TlsOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** `up`'s HTTPS flags: whether to serve it, on which port, and with whose certificate. */
public class TlsFlags {
    @Option(names = "--tls", description = "Serve HTTPS (HTTP/2 and HTTP/1.1) on --https-port too, with a certificate from "
            + "devserver's local CA (.devserver/tls/ca.crt) unless --tls-cert/--tls-key give one")
    boolean tls;

    @Option(names = "--https-port", defaultValue = "8443", description = "HTTPS port with --tls (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int httpsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Your certificate chain, PEM, leaf first (Certbot's fullchain.pem); implies --tls")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Its private key, PEM (Certbot's privkey.pem); implies --tls")
    Path tlsKey;

    /** A certificate given means HTTPS is wanted, --tls or not. */
    TlsOptions tls() {
        if (tlsCert != null || tlsKey != null) {
            return new TlsOptions(true, httpsPort, absolute(tlsCert), absolute(tlsKey));
        }
        return tls ? TlsOptions.localCa(httpsPort) : TlsOptions.OFF;
    }

    private static Path absolute(Path file) {
        return file == null ? null : file.toAbsolutePath();
    }
}
