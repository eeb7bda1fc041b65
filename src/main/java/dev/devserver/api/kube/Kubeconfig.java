package dev.devserver.api.kube;

import dev.devserver.RunningUp;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;

import java.util.Base64;

/**
 * A kubeconfig for the project's running `up`: cluster, context and user all named after the namespace, the
 * namespace as the context's default, the API's HTTPS address trusting the local CA, and the project's bearer token.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** @param caPem the local CA's certificate (PEM) */
    public static String yaml(RunningUp up, ApiToken token, byte[] caPem) {
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
}
