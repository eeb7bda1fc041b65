package dev.devserver.tls;

import dev.devserver.DevserverException;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks a user's certificate before the router serves it, so a wrong file fails at start with a message naming the
 * file and the fix, instead of as a TLS alert in every client later.
 */
public final class CertificateCheck {
    static final String CERT_FLAG = "--tls-cert";
    static final String KEY_FLAG = "--tls-key";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateCheck() {
    }

    /**
     * @param hosts the functions' hosts ({@code <ksvc>.<namespace>.<domain>}) the certificate must cover
     * @return the files, checked
     */
    public static TlsMaterial check(Path certificateFile, Path keyFile, List<String> hosts, Instant now) {
        List<X509Certificate> chain = Pem.certificates(certificateFile, CERT_FLAG);
        PrivateKey key = Pem.privateKey(keyFile, KEY_FLAG);
        X509Certificate leaf = chain.get(0);
        if (!belongsTo(key, leaf.getPublicKey())) {
            throw new DevserverException("The private key " + keyFile + " (" + KEY_FLAG + ") does not belong to the certificate "
                    + certificateFile + " (" + CERT_FLAG + ", " + subject(leaf) + "). Give the key created with this "
                    + "certificate: Certbot writes the pair as privkey.pem and fullchain.pem in the same live/<domain>/ folder.");
        }
        for (X509Certificate certificate : chain) {
            checkDates(certificateFile, certificate, certificate == leaf, now);
        }
        List<String> names = dnsNames(certificateFile, leaf);
        List<String> uncovered = hosts.stream().filter(host -> names.stream().noneMatch(n -> HostPattern.covers(n, host))).toList();
        if (!uncovered.isEmpty()) {
            String wanted = hosts.isEmpty() ? "" : "*." + hosts.get(0).substring(hosts.get(0).indexOf('.') + 1);
            throw new DevserverException("The certificate " + certificateFile + " (" + CERT_FLAG + ") is for "
                    + (names.isEmpty() ? "no DNS name (it has no subjectAltName)" : String.join(", ", names))
                    + ", which does not cover " + String.join(", ", uncovered) + ". A wildcard covers exactly one label. "
                    + "Use a certificate for " + wanted + " (e.g. certbot certonly --manual --preferred-challenges dns -d '"
                    + wanted + "'), or set --namespace/--domain to names the certificate covers.");
        }
        return new TlsMaterial(certificateFile, keyFile, null);
    }

    /** The key belongs to the certificate if what it signs, the certificate's public key verifies. */
    static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: the key type names the signature
        };
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkDates(Path file, X509Certificate certificate, boolean leaf, Instant now) {
        Instant from = certificate.getNotBefore().toInstant();
        Instant until = certificate.getNotAfter().toInstant();
        String which = (leaf ? "The certificate " : "The chain certificate " + subject(certificate) + " in ") + file
                + " (" + CERT_FLAG + ")";
        String validity = " (valid from " + from + " to " + until + ", now is " + now + ")";
        if (now.isAfter(until)) {
            throw new DevserverException(which + " expired on " + until + validity + ". Renew it (certbot renew) and "
                    + "give the new files, or leave out " + CERT_FLAG + "/" + KEY_FLAG + " to use devserver's local CA.");
        }
        if (now.isBefore(from)) {
            throw new DevserverException(which + " is not valid before " + from + validity + ". Check this computer's "
                    + "clock, or wait until then.");
        }
    }

    /** DNS and IP subject alternative names; the subject's CN is ignored, as browsers ignore it (RFC 6125 §6.4.4). */
    static List<String> dnsNames(Path file, X509Certificate certificate) {
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new DevserverException("The certificate " + file + " (" + CERT_FLAG + ") has an unreadable subjectAltName: "
                    + e.getMessage() + ". Issue a new certificate.");
        }
        List<String> names = new ArrayList<>();
        if (entries != null) {
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == SAN_DNS || type == SAN_IP) {
                    names.add(String.valueOf(entry.get(1)));
                }
            }
        }
        return names;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
