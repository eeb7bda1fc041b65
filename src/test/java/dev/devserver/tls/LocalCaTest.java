package dev.devserver.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCaTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final List<String> notes = new ArrayList<>();

    @Test
    void theCaIsMadeOnceAndSignsAServerCertificateForTheNamespace(@TempDir Path temp) throws Exception {
        LocalCa ca = new LocalCa(temp, notes::add);
        TlsMaterial material = ca.serverCertificateFor("ns", "localhost", NOW);

        X509Certificate authority = Pem.certificates(material.localCa(), "ca").get(0);
        assertEquals(0, authority.getBasicConstraints() >= 0 ? 0 : -1, "basicConstraints CA:true");
        assertTrue(authority.getKeyUsage()[5], "keyCertSign");
        assertTrue(Duration.between(authority.getNotBefore().toInstant(), authority.getNotAfter().toInstant()).toDays() >= 3650);

        X509Certificate server = Pem.certificates(material.certificate(), "server").get(0);
        server.verify(authority.getPublicKey());
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertTrue(Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant()).toDays() <= 397);
        assertEquals(List.of("*.ns.localhost", "ns.localhost", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"),
                CertificateCheck.dnsNames(material.certificate(), server));
        CertificateCheck.check(material.certificate(), material.key(), List.of("functions-echo.ns.localhost"), NOW);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("ca.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(material.key())));
    }

    @Test
    void theSameNamesReuseTheCertificateAndNewNamesReissueItWithTheSameCa(@TempDir Path temp) throws Exception {
        LocalCa ca = new LocalCa(temp, notes::add);
        TlsMaterial first = ca.serverCertificateFor("ns", "localhost", NOW);
        String caPem = Files.readString(first.localCa());
        String serverPem = Files.readString(first.certificate());

        ca.serverCertificateFor("ns", "localhost", NOW.plus(Duration.ofDays(10)));
        assertEquals(serverPem, Files.readString(first.certificate()), "still good: kept");

        ca.serverCertificateFor("other", "localhost", NOW.plus(Duration.ofDays(10)));
        assertNotEquals(serverPem, Files.readString(first.certificate()), "namespace changed: reissued");
        assertEquals(caPem, Files.readString(first.localCa()), "the CA stays, so the user trusts it once");
    }

    @Test
    void aCertificateExpiringWithinThirtyDaysIsReissued(@TempDir Path temp) throws Exception {
        LocalCa ca = new LocalCa(temp, notes::add);
        TlsMaterial first = ca.serverCertificateFor("ns", "localhost", NOW);
        String serverPem = Files.readString(first.certificate());
        ca.serverCertificateFor("ns", "localhost", NOW.plus(Duration.ofDays(370)));
        assertNotEquals(serverPem, Files.readString(first.certificate()));
    }

    @Test
    void aBrokenCaIsReplacedAndTheServerCertificateReissued(@TempDir Path temp) throws Exception {
        LocalCa ca = new LocalCa(temp, notes::add);
        TlsMaterial first = ca.serverCertificateFor("ns", "localhost", NOW);
        Files.writeString(temp.resolve("ca.key"), "garbage");
        TlsMaterial second = ca.serverCertificateFor("ns", "localhost", NOW);
        X509Certificate authority = Pem.certificates(second.localCa(), "ca").get(0);
        Pem.certificates(second.certificate(), "server").get(0).verify(authority.getPublicKey());
        assertTrue(notes.stream().anyMatch(n -> n.contains("trust it again")), notes.toString());
    }
}
