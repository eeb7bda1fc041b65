package dev.devserver.tls;

import dev.devserver.DevserverException;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static dev.devserver.tls.TestCertificates.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateCheckTest {
    private static final List<String> HOSTS = List.of("functions-echo.ns.example.com", "functions-hello.ns.example.com");

    private final TestCertificates certificates = new TestCertificates();

    @Test
    void aGoodPairForTheNamespaceWildcardPasses(@TempDir Path temp) {
        TestCertificates.Pair pair = certificates.leaf(temp, "*.ns.example.com", "ns.example.com");
        TlsMaterial material = CertificateCheck.check(pair.certificate(), pair.key(), HOSTS, NOW);
        assertEquals(pair.certificate(), material.certificate());
        assertNull(material.localCa());
    }

    @Test
    void exactNamesForEveryFunctionPassToo(@TempDir Path temp) {
        TestCertificates.Pair pair = certificates.leaf(temp, HOSTS.toArray(String[]::new));
        CertificateCheck.check(pair.certificate(), pair.key(), HOSTS, NOW);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused(@TempDir Path temp) {
        TestCertificates.Pair pair = certificates.leaf(temp.resolve("a"), "*.ns.example.com");
        TestCertificates.Pair other = certificates.leaf(temp.resolve("b"), "*.ns.example.com");
        String message = failure(pair.certificate(), other.key(), HOSTS, NOW);
        assertTrue(message.contains("The private key " + other.key() + " (--tls-key) does not belong to the certificate "
                + pair.certificate()), message);
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDates(@TempDir Path temp) {
        Instant from = NOW.minus(Duration.ofDays(120));
        Instant until = NOW.minus(Duration.ofDays(30));
        TestCertificates.Pair pair = certificates.leaf(temp, List.of("*.ns.example.com"), from, until);
        String message = failure(pair.certificate(), pair.key(), HOSTS, NOW);
        assertTrue(message.contains(pair.certificate() + " (--tls-cert) expired on " + until), message);
        assertTrue(message.contains("valid from " + from + " to " + until), message);
        assertTrue(message.contains("certbot renew"), message);
    }

    @Test
    void aCertificateNotYetValidIsRefusedWithItsDates(@TempDir Path temp) {
        Instant from = NOW.plus(Duration.ofDays(2));
        TestCertificates.Pair pair = certificates.leaf(temp, List.of("*.ns.example.com"), from, from.plus(Duration.ofDays(90)));
        String message = failure(pair.certificate(), pair.key(), HOSTS, NOW);
        assertTrue(message.contains("is not valid before " + from), message);
        assertTrue(message.contains("clock"), message);
    }

    @Test
    void namesThatDoNotCoverTheFunctionsAreListed(@TempDir Path temp) {
        TestCertificates.Pair pair = certificates.leaf(temp, "*.other.example.com", "functions-echo.ns.example.com");
        String message = failure(pair.certificate(), pair.key(), HOSTS, NOW);
        assertTrue(message.contains("is for *.other.example.com, functions-echo.ns.example.com, 127.0.0.1, which does not cover "
                + "functions-hello.ns.example.com."), message);
        assertTrue(message.contains("*.ns.example.com"), message);
    }

    @Test
    void aWildcardOneLevelUpDoesNotCoverTheFunctions(@TempDir Path temp) {
        TestCertificates.Pair pair = certificates.leaf(temp, "*.example.com", "example.com");
        String message = failure(pair.certificate(), pair.key(), HOSTS, NOW);
        assertTrue(message.contains("does not cover functions-echo.ns.example.com, functions-hello.ns.example.com"), message);
        assertTrue(message.contains("A wildcard covers exactly one label"), message);
    }

    @Test
    void filesThatAreMissingOrNotPemAreNamed(@TempDir Path temp) throws Exception {
        TestCertificates.Pair pair = certificates.leaf(temp, "*.ns.example.com");
        Path missing = temp.resolve("nope.pem");
        assertTrue(failure(missing, pair.key(), HOSTS, NOW).startsWith("Cannot read " + missing + " (--tls-cert): no such file"));
        Path text = Files.writeString(temp.resolve("notes.txt"), "hello\n");
        assertTrue(failure(text, pair.key(), HOSTS, NOW).startsWith(text + " (--tls-cert) holds no PEM certificate"));
        String keyMessage = failure(pair.certificate(), pair.certificate(), HOSTS, NOW);
        assertTrue(keyMessage.startsWith(pair.certificate() + " (--tls-key) holds no PEM private key"), keyMessage);
    }

    @Test
    void anOpenSslTraditionalEcKeyIsRead(@TempDir Path temp) throws Exception {
        TestCertificates.Pair pair = certificates.leaf(temp, "*.ns.example.com");
        // What `openssl ecparam -genkey` writes: the key in the SEC1 form, not PKCS#8.
        var key = (ECPrivateKey) Pem.privateKey(pair.key(), "--tls-key");
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                SECObjectIdentifiers.secp256r1).getEncoded();
        Path traditional = Files.writeString(temp.resolve("ec.pem"), "-----BEGIN EC PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n");
        CertificateCheck.check(pair.certificate(), traditional, HOSTS, NOW);
    }

    private static String failure(Path certificate, Path key, List<String> hosts, Instant now) {
        return assertThrows(DevserverException.class, () -> CertificateCheck.check(certificate, key, hosts, now)).getMessage();
    }
}
