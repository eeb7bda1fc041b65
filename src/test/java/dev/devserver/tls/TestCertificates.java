package dev.devserver.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A CA and leaf certificates made with BouncyCastle in the test, written as Certbot would (fullchain.pem, privkey.pem). */
public final class TestCertificates {
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    public final KeyPair caKeys = Issuer.newKeyPair();
    public final X509Certificate ca = Issuer.authority(caKeys, "test CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));

    /** A leaf for {@code dnsNames} valid from..until, its chain and key written to dir/fullchain.pem and dir/privkey.pem. */
    public Pair leaf(Path dir, List<String> dnsNames, Instant from, Instant until) {
        KeyPair keys = Issuer.newKeyPair();
        X509Certificate leaf = Issuer.server(keys.getPublic(), dnsNames, List.of("127.0.0.1"), ca, caKeys.getPrivate(), from, until);
        try {
            Files.createDirectories(dir);
            Path chain = Files.writeString(dir.resolve("fullchain.pem"), Pem.encode(leaf, ca));
            Path key = Files.writeString(dir.resolve("privkey.pem"), Pem.encode(keys.getPrivate()));
            return new Pair(chain, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A leaf valid for a year around {@link #NOW}. */
    public Pair leaf(Path dir, String... dnsNames) {
        return leaf(dir, List.of(dnsNames), NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)));
    }

    public Path writeCa(Path file) {
        try {
            return Files.writeString(file, Pem.encode(ca));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Pair(Path certificate, Path key) {
    }
}
