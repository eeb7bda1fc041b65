package dev.devserver.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian 12's own kubectl (1.20, the brief's fallback), which knows no OpenAPI v3: it validates what it applies and
 * explains with /openapi/v2 in protobuf. bin/test unpacks it into ~/.cache/devserver/kubectl-1.20
 * ({@code -Ddevserver.kubectl120=FOLDER} names another).
 */
@EnabledIf(value = "oldKubectlInstalled",
        disabledReason = "no kubectl 1.20 in ~/.cache/devserver/kubectl-1.20 (bin/test unpacks Debian's kubernetes-client there)")
class OldKubectlIT {
    static final Path KUBECTL_1_20 = Path.of(System.getProperty("devserver.kubectl120",
            System.getProperty("user.home") + "/.cache/devserver/kubectl-1.20"));
    @RegisterExtension
    static final UpProcess UP = new UpProcess("secrets");
    static KubectlShell kubectl;

    static boolean oldKubectlInstalled() {
        return Files.isExecutable(KUBECTL_1_20.resolve("kubectl"));
    }

    @BeforeAll
    static void kubeconfig() throws Exception {
        kubectl = UP.kubectl().withKubectlFrom(KUBECTL_1_20);
    }

    @Test
    void gitlabsCommandsApplyWithValidationAndExplain() throws Exception {
        assertTrue(kubectl.ok("kubectl version --client --short").contains("v1.20"), "the old kubectl runs");
        kubectl.ok("kubectl create secret generic my-secrets -n \"$KUBE_NAMESPACE\" --from-literal MY_SECRET=imverysecure");
        // GitLab's CI template pipes a client-side manifest into apply, which 1.20 validates against /openapi/v2.
        String pipe = "kubectl create secret generic my-secrets --from-literal MY_SECRET=from-ci --namespace \"$KUBE_NAMESPACE\""
                + " --dry-run -o yaml | kubectl apply -f -";
        assertTrue(kubectl.ok(pipe).contains("secret/my-secrets configured"));
        Eventually.await("the applied value in the function", Duration.ofSeconds(90), () -> Http.get(UP.port,
                "vault-env-js." + UP.namespace() + ".localhost", "/").body().contains("\"MY_SECRET\":\"from-ci\""));
        String table = kubectl.ok("kubectl -n \"$KUBE_NAMESPACE\" get services.serving.knative.dev");
        assertTrue(table.contains("vault-env-js") && table.contains("True"), table);

        String explained = kubectl.ok("kubectl explain ksvc.spec.template.spec");
        assertTrue(explained.contains("containerConcurrency\t<integer>") && explained.contains("containers\t<[]Object>")
                && explained.contains("RevisionSpec holds the desired state of the Revision"), explained);
    }

    @Test
    void aManifestIsValidatedAgainstKnativesSchemaBeforeItIsSent() throws Exception {
        String manifest = "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: old-kubectl\nspec:\n"
                + "  template:\n    spec:\n      containerConcurrency: 5\n      containers:\n        - image: busybox:never-pulled\n"
                + "          imagePullPolicy: Never\n          enviroment: typo\n";
        Path file = UP.temp.resolve("typo.yaml");
        Files.writeString(file, manifest);
        KubectlShell.Result refused = kubectl.run("kubectl apply -f " + file);
        assertEquals(1, refused.code(), refused.output());
        assertTrue(refused.output().contains("unknown field \"enviroment\" in io.k8s.api.core.v1.Container"), refused.output());
        assertTrue(kubectl.ok("kubectl get ksvc").contains("vault-env-js") && !kubectl.ok("kubectl get ksvc").contains("old-kubectl"),
                "nothing was sent");
    }
}
