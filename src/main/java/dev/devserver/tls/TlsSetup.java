package dev.devserver.tls;

import dev.devserver.StateDir;
import dev.devserver.project.Project;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Picks the certificate `up --tls` serves: the user's, checked, or one from the project's local CA. */
public final class TlsSetup {
    private TlsSetup() {
    }

    public static TlsMaterial prepare(TlsOptions options, Project project, Consumer<String> notes) {
        Instant now = Instant.now();
        if (options.certificate() != null) {
            List<String> hosts = project.functions().stream().map(f -> f.host(project)).toList();
            return CertificateCheck.check(options.certificate(), options.key(), hosts, now);
        }
        LocalCa ca = new LocalCa(new StateDir(project.dir()).privateFolder("tls"), notes);
        return ca.serverCertificateFor(project.namespace(), project.domain(), now);
    }

    /** How to make clients trust the local CA, printed by `up`; {@code exampleUrl} is one function's https URL. */
    public static List<String> trustHint(TlsMaterial material, String exampleUrl) {
        String ca = material.localCa().toString();
        return List.of(
                "HTTPS uses a certificate from devserver's local CA " + ca + ". Trust it once:",
                "  curl:     curl --cacert " + ca + " " + exampleUrl + "/",
                "  Debian:   sudo cp " + ca + " /usr/local/share/ca-certificates/devserver.crt && sudo update-ca-certificates",
                "  browsers: import " + ca + " as a certificate authority (Firefox: Settings › Privacy & Security › "
                        + "Certificates › View Certificates › Authorities › Import; Chrome: Settings › Privacy and security › "
                        + "Security › Manage certificates)");
    }
}
