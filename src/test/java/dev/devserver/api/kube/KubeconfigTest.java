package dev.devserver.api.kube;

import dev.devserver.RunningUp;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kubeconfig writes plain maps; what it writes is what fabric8's Config model gives through Jackson. */
class KubeconfigTest {
    @TempDir
    Path dir;

    /** The kubeconfig as it was made before: fabric8's model, converted by KubeJson's mapper. */
    private static String throughFabric8(RunningUp up, ApiToken token, byte[] caPem) {
        String name = up.namespace();
        String host = up.connectHost().contains(":") ? "[" + up.connectHost() + "]" : up.connectHost();
        Config config = new ConfigBuilder().withApiVersion("v1").withKind("Config").withCurrentContext(name)
                .addNewCluster().withName(name).withNewCluster().withServer("https://" + host + ":" + up.apiPort())
                .withCertificateAuthorityData(Base64.getEncoder().encodeToString(caPem)).endCluster().endCluster()
                .addNewContext().withName(name).withNewContext().withCluster(name).withUser(name)
                .withNamespace(name).endContext().endContext()
                .addNewUser().withName(name).withNewUser().withToken(token.value()).endUser().endUser()
                .build();
        return KubeJson.yaml(config);
    }

    @Test
    void sameAsFabric8sModel() {
        ApiToken token = ApiToken.forProject(dir);
        byte[] pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8);
        for (RunningUp up : new RunningUp[]{
                new RunningUp(1, "0.0.0.0", 8080, -1, "sample-functions-local", 6443, "/ca.crt"),
                new RunningUp(1, "::", 8080, 8443, "ns", 41234, "/ca.crt"),
                new RunningUp(1, "::1", 8080, -1, "yes", 1, "/ca.crt"), // a name YAML would read as a boolean unquoted
                new RunningUp(1, "192.168.1.5", 8080, -1, "007", 6443, "/ca.crt")}) { // and one it would read as a number
            String yaml = Kubeconfig.yaml(up, token, pem);
            assertEquals(throughFabric8(up, token, pem), yaml, up.toString());
        }
        String yaml = Kubeconfig.yaml(new RunningUp(1, "::1", 8080, -1, "ns", 6443, "/ca.crt"), token, pem);
        assertTrue(yaml.contains("server: https://[::1]:6443\n"), yaml);
        assertTrue(yaml.contains("token: " + token.value() + "\n") || yaml.contains("token: '" + token.value() + "'\n"), yaml);
    }
}
