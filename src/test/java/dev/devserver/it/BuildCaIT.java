package dev.devserver.it;

import dev.devserver.image.BuildCa;
import dev.devserver.session.Session;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * --build-ca-file on a machine whose egress goes through a TLS-inspecting proxy: containers reach the npm registry,
 * but only trusting the machine's CAs. The real registry, a real npm install, a real HTTPS call from a Go function.
 */
class BuildCaIT {
    private static final Path MACHINE_CAS = Path.of("/etc/ssl/certs/ca-certificates.crt");

    @Test
    void npmInstallsFromTheRegistryAndFunctionsCallHttpsTrustingTheGivenCas(@TempDir Path dir) {
        SessionOptions options = SessionOptions.defaults().withPort(0).withOfflineBases(true)
                .withBuildCa(BuildCa.read(MACHINE_CAS));
        try (Session session = Sessions.start(TestProjects.copy("build-ca", dir), options)) {
            HttpResponse<String> npm = Sessions.post(session, "npm-dep", "application/json", "42");
            assertEquals(200, npm.statusCode(), npm.body());
            assertEquals("42 is a number", npm.body());
            HttpResponse<String> https = Sessions.post(session, "https-go", "text/plain", "");
            assertEquals(200, https.statusCode(), https.body());
            assertEquals("HTTPS 200", https.body());
        }
    }

}
