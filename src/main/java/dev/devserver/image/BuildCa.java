package dev.devserver.image;

import dev.devserver.tls.Pem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.security.cert.X509Certificate;

/**
 * Extra certificate authorities every runtime build step and the running function trust ({@code --build-ca-file}),
 * for networks whose TLS is inspected by a proxy with its own CA. The certificates go into the context and, after
 * each stage's FROM, onto the stage's system bundle, with the variables that tools carrying their own bundle read.
 */
public final class BuildCa {
    static final String CONTEXT_PATH = "_devserver/build-ca.crt";
    private static final String CERT = "/usr/local/share/ca-certificates/devserver-build-ca.crt";
    private static final String BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    /**
     * OpenSSL (curl, Ruby, PHP, Python's ssl, Composer) and Go read SSL_CERT_FILE; Node (npm) adds NODE_EXTRA_CA_CERTS
     * to its own store; pip and requests carry certifi unless told; git and curl have their own variables. The copy in
     * /usr/local/share/ca-certificates survives a later update-ca-certificates; Mono's store is filled by cert-sync.
     */
    private static final String STAGE_LINES = String.join("\n",
            "COPY " + CONTEXT_PATH + " " + CERT,
            "RUN mkdir -p /etc/ssl/certs && cat " + CERT + " >> " + BUNDLE
                    + " && if command -v cert-sync >/dev/null; then cert-sync --quiet " + BUNDLE + "; fi",
            "ENV SSL_CERT_FILE=" + BUNDLE + " NODE_EXTRA_CA_CERTS=" + CERT + " PIP_CERT=" + BUNDLE
                    + " REQUESTS_CA_BUNDLE=" + BUNDLE + " CURL_CA_BUNDLE=" + BUNDLE + " GIT_SSL_CAINFO=" + BUNDLE
                    + " COMPOSER_CAFILE=" + BUNDLE);

    private final byte[] pem;

    private BuildCa(byte[] pem) {
        this.pem = pem;
    }

    /** Reads and checks the file: a clear error naming it when it holds no PEM certificate. */
    public static BuildCa read(Path file) {
        List<X509Certificate> certificates = Pem.certificates(file, "--build-ca-file");
        return new BuildCa(Pem.encode(certificates.toArray()).getBytes(StandardCharsets.US_ASCII));
    }

    ContextEntry entry() {
        return ContextEntry.generated(CONTEXT_PATH, pem);
    }

    /** The Dockerfile with the trust lines after every FROM but {@code FROM scratch} (no shell, no bundle there). */
    static String addTo(String dockerfile) {
        StringBuilder out = new StringBuilder();
        for (String line : dockerfile.split("\n", -1)) {
            out.append(line).append('\n');
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].toUpperCase(Locale.ROOT).equals("FROM") && !words[1].equals("scratch")) {
                out.append(STAGE_LINES).append('\n');
            }
        }
        return out.substring(0, out.length() - 1);
    }
}
