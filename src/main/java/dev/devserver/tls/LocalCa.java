package dev.devserver.tls;

import dev.devserver.DevserverException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * devserver's own certificate authority in {@code .devserver/tls/}: made once, so the user trusts it once; it signs a
 * server certificate for the project's hosts that is reissued whenever those change or it nears its end.
 */
public final class LocalCa {
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    /** The most that Apple's and Chrome's rules accept for a TLS server certificate (398 days), less a day. */
    static final Duration SERVER_LIFETIME = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Tolerates a client clock slightly behind ours. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final List<String> LOOPBACK_IPS = List.of("127.0.0.1", "::1");

    private final Path folder;
    private final Consumer<String> notes;

    /** @param folder a folder only its owner can read (the CA key lies there) */
    public LocalCa(Path folder, Consumer<String> notes) {
        this.folder = folder;
        this.notes = notes;
    }

    public Path caCertificate() {
        return folder.resolve("ca.crt");
    }

    private Path caKey() {
        return folder.resolve("ca.key");
    }

    private Path serverCertificate() {
        return folder.resolve("server.crt");
    }

    private Path serverKey() {
        return folder.resolve("server.key");
    }

    /** The server certificate for the namespace's hosts and devserver's own, reusing what is still good. */
    public TlsMaterial serverCertificateFor(String namespace, String domain, Instant now) {
        KeyPairAndCertificate ca = loadOrCreateAuthority(now);
        List<String> dnsNames = List.of("*." + namespace + "." + domain, namespace + "." + domain, "localhost");
        if (!serverCertificateIsCurrent(ca.certificate(), dnsNames, now)) {
            KeyPair keys = Issuer.newKeyPair();
            Instant from = now.minus(BACKDATE);
            X509Certificate server = Issuer.server(keys.getPublic(), dnsNames, LOOPBACK_IPS, ca.certificate(),
                    ca.privateKey(), from, from.plus(SERVER_LIFETIME));
            writePrivate(serverKey(), Pem.encode(keys.getPrivate()));
            write(serverCertificate(), Pem.encode(server));
            notes.accept("TLS: issued " + serverCertificate() + " for " + String.join(", ", dnsNames) + ", 127.0.0.1, ::1"
                    + " (valid until " + server.getNotAfter().toInstant() + ").");
        }
        return new TlsMaterial(serverCertificate(), serverKey(), caCertificate());
    }

    private record KeyPairAndCertificate(X509Certificate certificate, PrivateKey privateKey) {
    }

    private KeyPairAndCertificate loadOrCreateAuthority(Instant now) {
        if (Files.exists(caCertificate()) && Files.exists(caKey())) {
            try {
                X509Certificate certificate = Pem.certificates(caCertificate(), "local CA").get(0);
                PrivateKey key = Pem.privateKey(caKey(), "local CA key");
                if (CertificateCheck.belongsTo(key, certificate.getPublicKey())
                        && certificate.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                    return new KeyPairAndCertificate(certificate, key);
                }
            } catch (DevserverException unreadable) {
                // fall through: a broken CA is replaced, and the note below says it must be trusted again
            }
            notes.accept("TLS: the local CA in " + folder + " was unusable (unreadable, mismatched or expiring); "
                    + "made a new one: trust it again (see below).");
        }
        KeyPair keys = Issuer.newKeyPair();
        Instant from = now.minus(BACKDATE);
        X509Certificate certificate = Issuer.authority(keys, "devserver local CA (" + user() + ")", from, from.plus(CA_LIFETIME));
        writePrivate(caKey(), Pem.encode(keys.getPrivate()));
        write(caCertificate(), Pem.encode(certificate));
        notes.accept("TLS: created the local CA " + caCertificate() + " (valid until " + certificate.getNotAfter().toInstant() + ").");
        return new KeyPairAndCertificate(certificate, keys.getPrivate());
    }

    private boolean serverCertificateIsCurrent(X509Certificate ca, List<String> dnsNames, Instant now) {
        if (!Files.exists(serverCertificate()) || !Files.exists(serverKey())) {
            return false;
        }
        try {
            X509Certificate server = Pem.certificates(serverCertificate(), "server certificate").get(0);
            PrivateKey key = Pem.privateKey(serverKey(), "server key");
            server.verify(ca.getPublicKey());
            return CertificateCheck.belongsTo(key, server.getPublicKey())
                    && server.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))
                    && !server.getNotBefore().toInstant().isAfter(now)
                    && new HashSet<>(CertificateCheck.dnsNames(serverCertificate(), server)).equals(new HashSet<>(names(dnsNames)));
        } catch (DevserverException | GeneralSecurityException stale) {
            return false; // unreadable or signed by an earlier CA: issue a new one
        }
    }

    /** The names as the JDK reports them from a certificate (IPv6 in its long form). */
    private static List<String> names(List<String> dnsNames) {
        List<String> names = new ArrayList<>(dnsNames);
        for (String ip : LOOPBACK_IPS) {
            try {
                names.add(InetAddress.getByName(ip).getHostAddress()); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static String user() {
        return System.getProperty("user.name", "user");
    }

    private static void write(Path file, String pem) {
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Born 0600 beside the target and renamed over it, so the key is never readable by others, even briefly. */
    private static void writePrivate(Path file, String pem) {
        try {
            Path temp = Files.createTempFile(file.getParent(), ".tmp-", ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, pem, StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static DevserverException cannotWrite(Path file, IOException e) {
        return new DevserverException("Cannot write " + file + ": " + e.getMessage()
                + ". Make the folder writable (or remove it) and try again.");
    }
}
