package dev.devserver.tls;

import dev.devserver.DevserverException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM files as Certbot and OpenSSL write them. Uses the JDK's providers for the keys (no BouncyCastle provider is
 * registered), so the objects work with any JCA code, Vert.x included.
 */
public final class Pem {
    private Pem() {
    }

    /** Every certificate in the file, in file order (a full chain: leaf first). */
    public static List<X509Certificate> certificates(Path file, String flag) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects(file, flag)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new DevserverException(file + " (" + flag + "): a certificate in it cannot be read ("
                            + e.getMessage() + "). Give the certificate chain in PEM form, e.g. Certbot's fullchain.pem.");
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new DevserverException(file + " (" + flag + ") holds no PEM certificate (a block starting with "
                    + "'-----BEGIN CERTIFICATE-----'). Give the full chain in PEM form, e.g. Certbot's fullchain.pem; "
                    + "convert a DER file with: openssl x509 -inform der -in FILE -out cert.pem");
        }
        return certificates;
    }

    /** The first private key in the file: PKCS#8, or OpenSSL's traditional RSA/EC form. */
    public static PrivateKey privateKey(Path file, String flag) {
        for (Object object : objects(file, flag)) {
            try {
                if (object instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new DevserverException(file + " (" + flag + "): the private key cannot be read (" + e.getMessage()
                        + "). Give an RSA, EC or Ed25519 key in PEM form, e.g. Certbot's privkey.pem.");
            }
            if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new DevserverException(file + " (" + flag + ") holds an encrypted private key, which devserver cannot "
                        + "unlock. Write an unencrypted copy (kept private): openssl pkey -in " + file + " -out key.pem");
            }
        }
        throw new DevserverException(file + " (" + flag + ") holds no PEM private key (a block starting with "
                + "'-----BEGIN PRIVATE KEY-----'). Give the private key in PEM form, e.g. Certbot's privkey.pem.");
    }

    /** PEM text for certificates and keys (keys as PKCS#8, the form every TLS library reads). */
    public static String encode(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object instanceof PrivateKey key ? pkcs8(key) : object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM", e); // writing to memory
        }
        return out.toString();
    }

    private static Object pkcs8(PrivateKey key) {
        return new PemObject("PRIVATE KEY", key.getEncoded());
    }

    private static List<Object> objects(Path file, String flag) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1); // PEM is ASCII; never fails on stray bytes
        } catch (IOException e) {
            throw new DevserverException("Cannot read " + file + " (" + flag + "): " + describe(e)
                    + ". Check the path and that you may read the file.");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new DevserverException(file + " (" + flag + ") is not valid PEM (" + e.getMessage()
                    + "). Give the file as Certbot writes it (fullchain.pem / privkey.pem).");
        }
        return objects;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
