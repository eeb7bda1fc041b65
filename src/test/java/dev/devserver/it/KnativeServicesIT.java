package dev.devserver.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Knative Services from manifests, with the real kubectl against a real `up`: the image is the one `up` built for the
 * project's function (it answers with its K_REVISION and the variables a manifest sets); revisions, traffic splits,
 * tags, cluster-local visibility, the webhook's errors, and the services coming back on the next `up`.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnativeServicesIT {
    private static final Pattern REVISION = Pattern.compile("\"K_REVISION\":\"([^\"]+)\"");
    @RegisterExtension
    static final UpProcess UP = new UpProcess("images");
    static KubectlShell kubectl;

    @BeforeAll
    static void kubeconfig() throws Exception {
        kubectl = UP.kubectl();
    }

    static String service(String name, String body) {
        return "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: " + name + "\n" + body;
    }

    static String template(String extra, String env) {
        return "spec:\n  template:\n" + extra + "    spec:\n      containers:\n        - image: images-app:latest\n"
                + "          env:\n            - name: GREETING\n              value: " + env + "\n";
    }

    static HttpResponse<String> call(String host) {
        return Http.get(UP.port, host + "." + UP.namespace() + ".localhost", "/");
    }

    static String revisionOf(HttpResponse<String> response) {
        Matcher m = REVISION.matcher(response.body());
        assertTrue(m.find(), response.statusCode() + " " + response.body());
        return m.group(1);
    }

    static void awaitRevision(String service, String revision) throws Exception {
        Eventually.await(service + " answering from " + revision, Duration.ofSeconds(120), () -> {
            HttpResponse<String> r = call(service);
            return r.statusCode() == 200 && r.body().contains("\"K_REVISION\":\"" + revision + "\"");
        });
    }

    String revisions(String service) throws Exception {
        return kubectl.ok("kubectl get revisions -l serving.knative.dev/service=" + service
                + " -o jsonpath='{range .items[*]}{.metadata.name} {end}'").trim();
    }

    @Test
    @Order(1)
    void applyReapplyAndDeleteMakeRevisionsAsKnativeNamesThem() throws Exception {
        assertTrue(kubectl.apply(service("hello", template("", "one"))).contains("service.serving.knative.dev/hello created"));
        awaitRevision("hello", "hello-00001");
        assertTrue(call("hello").body().contains("\"GREETING\":\"one\""));
        kubectl.ok("kubectl wait ksvc/hello --for=condition=Ready --timeout=60s");

        // kubectl's merge patch replaces the defaulted container list; the webhook defaults it again: same template.
        kubectl.apply(service("hello", template("", "one")));
        assertEquals("hello-00001", revisions("hello"), "re-applying the same manifest makes no revision");
        String labelled = service("hello", "  labels:\n    team: blue\n" + template("", "one"));
        assertTrue(kubectl.apply(labelled).contains("configured"));
        assertEquals("hello-00001", revisions("hello"), "a metadata-only change makes no revision");

        kubectl.apply(service("hello", template("", "two")));
        awaitRevision("hello", "hello-00002");
        assertTrue(call("hello").body().contains("\"GREETING\":\"two\""));
        assertEquals("hello-00001 hello-00002", revisions("hello"));

        kubectl.apply(service("hello", template("    metadata:\n      name: hello-blue\n", "three")));
        awaitRevision("hello", "hello-blue");
        String table = kubectl.ok("kubectl get ksvc hello");
        assertTrue(table.matches("(?s).*hello +http://hello\\." + UP.namespace() + "\\.localhost:" + UP.port
                + " +hello-blue +hello-blue +True.*"), table);
        assertTrue(kubectl.ok("kubectl get rev hello-blue -o jsonpath='{.metadata.labels}'")
                .contains("\"serving.knative.dev/configurationGeneration\":\"3\""));
        kubectl.apply(service("hello", template("", "four")));
        awaitRevision("hello", "hello-00004");

        String edited = kubectl.ok("kubectl patch ksvc hello --type merge -p "
                + "'{\"spec\":{\"template\":{\"spec\":{\"containerConcurrency\":5}}}}'");
        assertTrue(edited.contains("patched"), edited);
        awaitRevision("hello", "hello-00005");

        assertTrue(kubectl.ok("kubectl delete ksvc hello").contains("service.serving.knative.dev \"hello\" deleted"));
        assertEquals(404, call("hello").statusCode());
        assertTrue(kubectl.ok("kubectl get ksvc").contains("images-app"));
        Eventually.await("hello's containers removed", Duration.ofSeconds(60),
                () -> Engine.docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(
                        "dev.devserver.project", UP.project.toString(), "serving.knative.dev/service", "hello")).exec().isEmpty());
    }

    @Test
    @Order(2)
    void theWebhooksErrorsArePrintedByKubectl() throws Exception {
        String tooMany = service("bad", template("", "x") + "      containerConcurrency: 1001\n      timeoutSeconds: 3600\n");
        Path file = UP.temp.resolve("bad.yaml");
        Files.writeString(file, tooMany);
        KubectlShell.Result refused = kubectl.run("kubectl apply -f " + file);
        assertNotEquals(0, refused.code());
        assertTrue(refused.output().contains("Error from server (BadRequest)"), refused.output());
        assertTrue(refused.output().contains("admission webhook \"validation.webhook.serving.knative.dev\" denied the request"));
        assertTrue(refused.output().contains("expected 0 <= 1001 <= 1000: spec.template.spec.containerConcurrency"));
        assertTrue(refused.output().contains("expected 0 <= 3600 <= 600: spec.template.spec.timeoutSeconds"));
        Files.writeString(file, service("Bad_Name", template("", "x")));
        assertTrue(kubectl.run("kubectl apply -f " + file).output().contains("metadata.name"));
        assertFalse(kubectl.ok("kubectl get ksvc").contains("bad"), "nothing refused was stored");

        kubectl.apply(service("missing", template("", "x").replace("images-app:latest", "devserver-test/none:1")));
        Eventually.await("the missing image reported", Duration.ofSeconds(120), () -> {
            try {
                return kubectl.ok("kubectl get ksvc missing").contains("False");
            } catch (Exception e) {
                return false;
            }
        });
        String why = kubectl.ok("kubectl get ksvc missing -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].message}'");
        assertTrue(why.contains("image \"devserver-test/none:1\" is not on this machine and cannot be pulled"), why);
        kubectl.ok("kubectl delete ksvc missing");
    }

    @Test
    @Order(3)
    void trafficSplitsThirtySeventyAndATagReachesItsRevision() throws Exception {
        kubectl.apply(service("split", template("", "v1")));
        awaitRevision("split", "split-00001");
        Path bad = UP.temp.resolve("split-bad.yaml");
        Files.writeString(bad, service("split", template("", "v2") + "  traffic:\n"
                + "    - revisionName: split-00001\n      percent: 30\n    - latestRevision: true\n      percent: 60\n"));
        String refused = kubectl.run("kubectl apply -f " + bad).output();
        assertTrue(refused.contains("Traffic targets sum to 90, want 100: spec.traffic"), refused);

        kubectl.apply(service("split", template("", "v2") + "  traffic:\n"
                + "    - revisionName: split-00001\n      percent: 30\n"
                + "    - latestRevision: true\n      percent: 70\n"
                + "    - revisionName: split-00001\n      tag: old\n"));
        Eventually.await("split-00002 ready", Duration.ofSeconds(120), () -> {
            try {
                return kubectl.ok("kubectl get ksvc split").contains("split-00002   True");
            } catch (Exception e) {
                return false;
            }
        });
        awaitRevision("split", "split-00002");
        Map<String, Integer> counts = new HashMap<>();
        int requests = 400;
        for (int i = 0; i < requests; i++) {
            counts.merge(revisionOf(call("split")), 1, Integer::sum);
        }
        double first = 100.0 * counts.getOrDefault("split-00001", 0) / requests;
        System.out.println("30/70 split over " + requests + " requests: " + counts + " (" + first + " % to split-00001)");
        assertTrue(Math.abs(first - 30) <= 8, counts.toString());
        assertEquals(requests, counts.getOrDefault("split-00001", 0) + counts.getOrDefault("split-00002", 0));

        for (int i = 0; i < 20; i++) {
            assertEquals("split-00001", revisionOf(call("old-split")));
        }
        String traffic = kubectl.ok("kubectl get ksvc split -o jsonpath='{.status.traffic}'");
        assertTrue(traffic.contains("\"percent\":30,\"revisionName\":\"split-00001\""), traffic);
        assertTrue(traffic.contains("\"latestRevision\":true,\"percent\":70,\"revisionName\":\"split-00002\""), traffic);
        assertTrue(traffic.contains("\"tag\":\"old\",\"url\":\"http://old-split." + UP.namespace() + ".localhost:" + UP.port + "\""),
                traffic);

        kubectl.apply(service("split", template("", "v2") + "  traffic:\n"
                + "    - revisionName: split-00001\n      latestRevision: false\n      percent: 100\n"));
        for (int i = 0; i < 20; i++) {
            assertEquals("split-00001", revisionOf(call("split")), "pinned to split-00001");
        }
        assertEquals(404, call("old-split").statusCode(), "the tag was removed");
    }

    @Test
    @Order(4)
    void aClusterLocalServiceIsNotFoundFromTheHostButReachedFromAFunction() throws Exception {
        kubectl.apply(service("private", "  labels:\n    networking.knative.dev/visibility: cluster-local\n"
                + template("", "inside")));
        kubectl.ok("kubectl wait ksvc/private --for=condition=Ready --timeout=90s");
        HttpResponse<String> outside = call("private");
        assertEquals(404, outside.statusCode(), outside.body());
        assertEquals("http://private." + UP.namespace() + ".svc.cluster.local",
                kubectl.ok("kubectl get ksvc private -o jsonpath='{.status.url}'"));
        assertEquals(200, call("images-app").statusCode(), "a container of the project's function to call from");
        String inside = ContainerExec.nodeGet(UP.project, "images-app",
                "http://private." + UP.namespace() + ".svc.cluster.local/");
        assertTrue(inside.startsWith("200 ") && inside.contains("inside"), "from the function: " + inside);
    }

    @Test
    @Order(5)
    void servicesComeBackOnTheNextUp() throws Exception {
        Path kept = UP.project.resolve(".devserver/services/" + UP.namespace() + "/split.json");
        assertTrue(Files.isRegularFile(kept), "kept under .devserver/services");
        UP.restart();
        kubectl = UP.kubectl();
        awaitRevision("split", "split-00001");
        assertEquals("split-00001 split-00002", revisions("split"));
        assertEquals(404, call("private").statusCode());
        kubectl.apply(service("split", template("", "v3")));
        awaitRevision("split", "split-00003");
    }
}
