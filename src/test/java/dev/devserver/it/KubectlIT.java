package dev.devserver.it;

import dev.devserver.it.KubectlShell.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real kubectl against a real `devserver up` (the secrets test project, whose function returns its environment):
 * GitLab's documented commands verbatim, and each command's effect checked on the running function.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlIT {
    @RegisterExtension
    static final UpProcess UP = new UpProcess("secrets");
    static KubectlShell kubectl;

    @BeforeAll
    static void kubeconfig() throws Exception {
        kubectl = UP.kubectl().withEnv("GITLAB_SECRET_VARIABLE", "from-the-ci-variable");
    }

    static Result devserver(String... args) throws Exception {
        DevserverProcess p = UP.run(args);
        return new Result(p.exitCode(), p.output());
    }

    /** Runs a shell line (pipes as users write them) with KUBECONFIG and KUBE_NAMESPACE set. */
    static Result shell(String line) throws Exception {
        return kubectl.run(line);
    }

    static Result ok(String line) throws Exception {
        Result r = shell(line);
        assertEquals(0, r.code(), line + "\n" + r.output());
        return r;
    }

    static String env() {
        return Http.get(UP.port, "vault-env-js." + UP.namespace() + ".localhost", "/").body();
    }

    @Test
    @Order(1)
    void kubeconfigUsesHttpsTheLocalCaAndAPrivateToken() throws Exception {
        String config = Files.readString(kubectl.kubeconfig());
        assertTrue(config.contains("server: https://127.0.0.1:"), config);
        assertTrue(config.contains("certificate-authority-data: "), config);
        assertTrue(config.contains("namespace: " + UP.namespace()), config);
        Path token = UP.project.resolve(".devserver/kube/token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertTrue(config.contains("token: " + Files.readString(token).trim()), "the kubeconfig carries the project's token");
        assertTrue(ok("kubectl version").output().contains("Server Version: v1.32"));
    }

    @Test
    @Order(2)
    void gitlabsDocumentedCommandsWorkVerbatim() throws Exception {
        assertFalse(env().contains("imverysecure"));
        ok("kubectl create secret generic my-secrets -n \"$KUBE_NAMESPACE\" --from-literal MY_SECRET=imverysecure");
        Eventually.await("the secret in the function's environment", Duration.ofSeconds(90),
                () -> env().contains("\"MY_SECRET\":\"imverysecure\""));
        String table = ok("kubectl -n \"$KUBE_NAMESPACE\" get services.serving.knative.dev").output();
        assertTrue(table.startsWith("NAME") && table.contains("LATESTCREATED") && table.contains("READY"), table);
        assertTrue(table.matches("(?s).*vault-env-js +http://vault-env-js\\." + UP.namespace() + "\\.localhost:" + UP.port
                + " +vault-env-js-0000\\d +vault-env-js-0000\\d +True.*"), table);
        // GitLab's CI template: create the manifest client-side, apply it (created, then configured on a second run).
        String pipe = "kubectl create secret generic my-secrets --from-literal MY_SECRET=\"$GITLAB_SECRET_VARIABLE\""
                + " --namespace \"$KUBE_NAMESPACE\" --dry-run -o yaml | kubectl apply -f -";
        assertTrue(ok(pipe).output().contains("secret/my-secrets configured"));
        Eventually.await("the applied value in the function", Duration.ofSeconds(90),
                () -> env().contains("\"MY_SECRET\":\"from-the-ci-variable\""));
        String yaml = ok("kubectl get secret my-secrets -o yaml").output();
        assertTrue(yaml.contains("kubectl.kubernetes.io/last-applied-configuration"), yaml);
        assertTrue(yaml.contains("MY_SECRET: ZnJvbS10aGUtY2ktdmFyaWFibGU="), "base64 data: " + yaml);
        assertEquals("from-the-ci-variable", ok("kubectl get secret my-secrets -o jsonpath='{.data.MY_SECRET}' | base64 -d")
                .output());
        assertTrue(devserver("secret", "list").output().contains("my-secrets"), "the same store as `devserver secret`");
    }

    @Test
    @Order(3)
    void serverSideApplyResourceVersionConflictsAndDelete() throws Exception {
        String applied = "printf 'apiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: my-secrets\\nstringData:\\n  MY_SECRET: by-ssa\\n'"
                + " | kubectl apply --server-side -f -";
        assertTrue(ok(applied).output().contains("serverside-applied"));
        Eventually.await("the server-side applied value", Duration.ofSeconds(90), () -> env().contains("\"MY_SECRET\":\"by-ssa\""));
        Result stale = shell("kubectl get secret my-secrets -o json | sed 's/\"resourceVersion\": \"[0-9]*\"/\"resourceVersion\": \"1\"/'"
                + " | kubectl replace -f -");
        assertEquals(1, stale.code(), stale.output());
        assertTrue(stale.output().contains("Operation cannot be fulfilled on secrets \"my-secrets\""), stale.output());
        ok("kubectl delete secret my-secrets");
        Eventually.await("the secret gone from the function", Duration.ofSeconds(90), () -> env().contains("\"MY_SECRET\":null"));
        Result missing = shell("kubectl get secret my-secrets");
        assertTrue(missing.output().contains("Error from server (NotFound): secrets \"my-secrets\" not found"), missing.output());
    }

    @Test
    @Order(4)
    void knativeObjectsDescribeWaitWatchAndDiscovery() throws Exception {
        String resources = ok("kubectl api-resources").output();
        assertTrue(resources.matches("(?s).*services +kservice,ksvc +serving\\.knative\\.dev/v1 +true +Service.*"), resources);
        assertTrue(resources.contains("rev") && resources.contains("cfg") && resources.contains("rt"), resources);
        assertTrue(ok("kubectl api-versions").output().contains("serving.knative.dev/v1"));
        assertTrue(ok("kubectl get rev").output().contains("CONFIG NAME"));
        assertTrue(ok("kubectl get cfg,rt").output().contains("route.serving.knative.dev/vault-env-js"));
        assertTrue(ok("kubectl wait --for=condition=Ready ksvc/vault-env-js --timeout=60s").output().contains("condition met"));
        String described = ok("kubectl describe ksvc vault-env-js").output();
        assertTrue(described.contains("Latest Ready Revision Name:") && described.contains("Created Revision"), described);
        String explained = ok("kubectl explain ksvc.spec.template.spec.containerConcurrency").output();
        assertTrue(explained.contains("FIELD: containerConcurrency <integer>")
                && explained.contains("ContainerConcurrency specifies the maximum allowed in-flight"), explained);
        // get -w prints the new revision a secret change rolls out
        Path watched = UP.temp.resolve("watch.txt");
        ProcessBuilder watcher = new ProcessBuilder("sh", "-c", "timeout 20 kubectl get ksvc vault-env-js -w > " + watched);
        watcher.environment().put("KUBECONFIG", kubectl.kubeconfig().toString());
        Process watch = watcher.start();
        Thread.sleep(2000);
        ok("kubectl create secret generic my-secrets --from-literal MY_SECRET=watched");
        Eventually.await("a watched change", Duration.ofSeconds(60), () -> env().contains("watched"));
        assertTrue(watch.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = Files.readAllLines(watched);
        assertTrue(lines.size() >= 2 && lines.get(0).startsWith("NAME"), String.join("\n", lines));
        assertTrue(lines.stream().skip(1).map(l -> l.split(" +")[2]).distinct().count() >= 2,
                "a new LATESTCREATED appears: " + String.join("\n", lines));
    }

    @Test
    @Order(5)
    void podsAndTheirLogs() throws Exception {
        env(); // a request: the function has a running container
        String pods = ok("kubectl get pods -l serving.knative.dev/service=vault-env-js").output();
        assertTrue(pods.matches("(?s)NAME +READY +STATUS +RESTARTS +AGE\nvault-env-js-\\d{5}-deployment-\\S+ +1/1 +Running.*"), pods);
        String pod = ok("kubectl get pods -l serving.knative.dev/service=vault-env-js -o jsonpath='{.items[0].metadata.name}'")
                .output();
        assertTrue(ok("kubectl logs " + pod + " --tail 5").output().contains("HTTP running"), "the container's output");
        assertTrue(ok("kubectl logs -l serving.knative.dev/service=vault-env-js").output().contains("HTTP running"));
        assertEquals(124, shell("timeout 3 kubectl logs -f " + pod).code(), "-f follows until stopped");
    }

    @Test
    @Order(6)
    void validationDryRunOwnershipAndTheToken() throws Exception {
        Result render = devserver("render");
        Files.writeString(UP.temp.resolve("renamed.yaml"), render.output().replace("name: vault-", "name: another-"));
        String dry = ok("kubectl apply --dry-run=server -f " + UP.temp.resolve("renamed.yaml")).output();
        assertTrue(dry.contains("service.serving.knative.dev/another-env-js created (server dry run)"), dry);
        assertFalse(ok("kubectl get ksvc").output().contains("another-"), "a dry run creates nothing");
        Files.writeString(UP.temp.resolve("bad.yaml"), "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n"
                + "  name: bad-fn\nspec:\n  template:\n    spec:\n      containers:\n        - image: x\n          imagePullPolicyy: Always\n");
        Result bad = shell("kubectl apply -f " + UP.temp.resolve("bad.yaml"));
        assertEquals(1, bad.code());
        assertTrue(bad.output().contains("strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolicyy\""),
                bad.output());
        Result owned = shell("kubectl delete ksvc vault-env-js");
        assertTrue(owned.output().contains("Error from server (Forbidden)") && owned.output().contains(
                UP.project.resolve("serverless.yml") + ":") && owned.output().contains("edit that file"), owned.output());
        assertTrue(env().contains("K_SERVICE"), "the function still serves");
        Result wrongToken = shell("kubectl --token not-the-token get ksvc");
        assertEquals(1, wrongToken.code());
        assertTrue(wrongToken.output().contains("You must be logged in to the server"), wrongToken.output());
        Result anonymous = shell("curl -sk " + server() + "/api/v1/namespaces/" + UP.namespace() + "/secrets");
        assertTrue(anonymous.output().contains("\"code\":401") && anonymous.output().contains("\"reason\":\"Unauthorized\""),
                anonymous.output());
        assertFalse(Files.readString(UP.log).contains("imverysecure"), "no secret value in up's output");
    }

    @Test
    @Order(7)
    void getFindsTheRunningUpWithoutPort() throws Exception {
        Result get = devserver("get", "ksvc");
        assertEquals(0, get.code(), get.output());
        assertTrue(get.output().contains("vault-env-js"), get.output());
    }

    @Test
    @Order(8)
    void aKubeconfigFromProcessSubstitution() throws Exception {
        // README's one-liner, with devserver and a kubectl that is the client itself first on PATH; the kubeconfig
        // file KubectlShell exports is overridden, so the pipe is the only place kubectl can find the server.
        KubectlShell shell = kubectl.withEnv("PATH", Engine.CHECKOUT.resolve("bin") + ":" + RealKubectl.folder(UP.temp)
                + ":" + System.getenv("PATH"));
        Result get = shell.bash("KUBECONFIG=<(devserver kubeconfig) kubectl get ksvc");
        assertEquals(0, get.code(), get.output());
        assertTrue(get.output().startsWith("NAME") && get.output().contains("vault-env-js"), get.output());
    }

    private static String server() throws IOException {
        return Files.readString(kubectl.kubeconfig()).lines().filter(l -> l.contains("server: ")).findFirst().orElseThrow()
                .replaceAll(".*server: ", "").trim();
    }
}
