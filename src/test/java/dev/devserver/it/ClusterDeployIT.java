package dev.devserver.it;

import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;

/**
 * `devserver cluster` in an empty folder and `devserver deploy` from a project after GitLab's serverless.yml example
 * (provider and function envs and secrets), as a user runs them: the real kubectl creates the namespace, deploy builds
 * and applies with fabric8's client, the function answers through the cluster's router with its envs and secret, an
 * edit deploys as revision 00002, what was applied comes back after a restart, and Ctrl-C leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDeployIT {
    private static final String SECRET_VALUE = "s3cr3t-cluster-value-71";
    private static final String NAMESPACE = "team-a";
    @TempDir
    static Path temp;
    static Path folder;
    static Path project;
    static Path kubeconfig;
    static DevserverProcess cluster;
    static int port;
    static KubectlShell kubectl;

    @BeforeAll
    static void start() throws Exception {
        Engine.docker();
        folder = Files.createDirectories(temp.resolve("my-cluster")).toRealPath();
        project = TestProjects.copy("secrets", temp).toRealPath();
        port = DevserverProcess.freePort();
        startCluster();
    }

    private static void startCluster() throws Exception {
        cluster = DevserverProcess.start(folder, temp.resolve("cluster-" + System.nanoTime() + ".log"), "cluster", "--port",
                String.valueOf(port));
        cluster.awaitUp();
        kubectl = KubectlShell.forRunningUp(folder, temp, "default");
        kubeconfig = kubectl.kubeconfig();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static DevserverProcess deploy(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("deploy", "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(extra));
        return DevserverProcess.run(project, temp.resolve("deploy-" + System.nanoTime() + ".log"), args.toArray(String[]::new));
    }

    private static HttpResponse<String> call(String service) {
        return Http.get(port, service + "." + NAMESPACE + ".localhost", "/");
    }

    @Test
    @Order(1)
    void anEmptyClusterTakesANamespaceFromKubectlAndRefusesDeploysElsewhere() throws Exception {
        assertTrue(cluster.output().contains("Knative cluster ready in"), cluster.output());
        assertEquals("default", kubectl.ok("kubectl get namespaces -o jsonpath='{.items[*].metadata.name}'").trim());
        assertTrue(kubectl.ok("kubectl create namespace " + NAMESPACE).contains("namespace/" + NAMESPACE + " created"));
        assertTrue(kubectl.run("kubectl create namespace " + NAMESPACE).output().contains("AlreadyExists"));
        assertEquals("No resources found", kubectl.ok("kubectl get ksvc -A 2>&1").trim());

        DevserverProcess missing = deploy("--namespace", "nowhere");
        assertEquals(1, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("Namespace \"nowhere\" does not exist at https://127.0.0.1:")
                && missing.output().contains("kubectl create namespace nowhere"), missing.output());
        DevserverProcess context = deploy("--namespace", NAMESPACE, "--context", "nope");
        assertEquals(1, context.exitCode(), context.output());
        assertTrue(context.output().contains("--context nope: the kubeconfig " + kubeconfig + " has no context"), context.output());
        for (DevserverProcess p : List.of(missing, context)) {
            assertFalse(p.output().contains("Exception") || p.output().contains("\tat "), p.output());
        }
    }

    @Test
    @Order(2)
    void deployWithSecretsServesTheFunctionsWithTheirEnvsAndSecret() throws Exception {
        DevserverProcess secret = DevserverProcess.run(project, temp.resolve("secret.log"), "secret", "create", "my-secrets",
                "--from-literal", "MY_SECRET=" + SECRET_VALUE, "--from-literal", "LEVEL=function");
        assertEquals(0, secret.exitCode(), secret.output());

        DevserverProcess first = deploy("--namespace", NAMESPACE, "--secrets");
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("is a devserver on this machine: it runs this engine's images, nothing is pushed"),
                first.output());
        assertTrue(first.output().contains("applied secret/my-secrets"), first.output());
        assertTrue(first.output().contains("✔ vault-env-js: http://vault-env-js." + NAMESPACE + ".localhost:" + port
                + " (revision vault-env-js-00001)"), first.output());
        assertFalse(first.output().contains(SECRET_VALUE), "deploy printed a secret value");

        HttpResponse<String> answer = call("vault-env-js");
        assertEquals(200, answer.statusCode(), answer.body());
        for (String expected : List.of("\"MY_SECRET\":\"" + SECRET_VALUE + "\"", "\"LEVEL\":\"function\"",
                "\"FUNCTION_ENV\":\"from-function-env\"", "\"PROVIDER_ENV\":\"from-provider-env\"")) {
            assertTrue(answer.body().contains(expected), expected + " in " + answer.body());
        }
        String inside = ContainerExec.nodeGet(folder, "vault-env-js", "http://vault-plain-js." + NAMESPACE + ".svc.cluster.local/");
        assertTrue(inside.startsWith("200 ") && inside.contains("\"K_SERVICE\":\"vault-plain-js\""),
                "a function calls another of its namespace by its cluster name: " + inside);
        assertTrue(kubectl.ok("kubectl get secret my-secrets -n " + NAMESPACE + " -o jsonpath='{.metadata.managedFields[*].manager}'")
                .contains("devserver"), "the Secret is applied with devserver's field manager");
    }

    @Test
    @Order(3)
    void anEditDeploysRevisionTwoAndNoChangeDeploysNothing() throws Exception {
        Path code = project.resolve("env-js/env-js.js");
        Files.writeString(code, Files.readString(code).replace("'K_SERVICE'", "'K_SERVICE', 'K_REVISION'"));
        DevserverProcess second = deploy("--namespace", NAMESPACE, "--secrets");
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("(revision vault-env-js-00002)"), second.output());
        assertTrue(call("vault-env-js").body().contains("\"K_REVISION\":\"vault-env-js-00002\""), call("vault-env-js").body());

        DevserverProcess same = deploy("--namespace", NAMESPACE, "--secrets");
        assertEquals(0, same.exitCode(), same.output());
        assertTrue(same.output().contains("(revision vault-env-js-00002)") && same.output().contains("not rebuilt"),
                same.output());
        assertEquals("vault-env-js-00001 vault-env-js-00002", kubectl.ok("kubectl get revisions -n " + NAMESPACE
                + " -l serving.knative.dev/service=vault-env-js -o jsonpath='{range .items[*]}{.metadata.name} {end}'").trim());
    }

    @Test
    @Order(4)
    void whatWasAppliedComesBackAfterARestartAndCtrlCLeavesNothing() throws Exception {
        stopWithCtrlC();
        startCluster();
        assertTrue(cluster.output().contains(NAMESPACE + "/vault-env-js"), cluster.output());
        assertTrue(kubectl.ok("kubectl get namespaces").contains(NAMESPACE));
        Eventually.await("vault-env-js answering after the restart", Duration.ofSeconds(120),
                () -> call("vault-env-js").body().contains("\"K_REVISION\":\"vault-env-js-00002\""));
        assertTrue(call("vault-env-js").body().contains(SECRET_VALUE), "the secret is still there");
        stopWithCtrlC();
        assertFalse(cluster.output().contains(SECRET_VALUE), "the cluster printed a secret value:\n" + cluster.output());
    }

    private static void stopWithCtrlC() throws Exception {
        cluster.signal("INT");
        assertTrue(cluster.awaitExit(Duration.ofSeconds(90)), cluster.output());
        List<Container> left = Engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("dev.devserver.project", folder.toString())).exec();
        assertEquals(List.of(), left.stream().map(c -> c.getNames()[0]).toList(), "containers left after Ctrl-C");
        assertEquals(List.of(), Engine.docker().listNetworksCmd().exec().stream()
                .filter(n -> folder.toString().equals(n.getLabels() == null ? null : n.getLabels().get("dev.devserver.project")))
                .map(n -> n.getName()).toList(), "networks left after Ctrl-C");
        assertFalse(Files.exists(folder.resolve(".devserver/up.json")), "the running record is removed");
    }
}
