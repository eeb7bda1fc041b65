package dev.devserver.api.kube;

import io.fabric8.knative.serving.v1.Service;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Knative's webhook as devserver runs it: defaults first, then every problem in Knative's words with its field. */
class ServiceWebhookTest {
    private final ServiceWebhook webhook = new ServiceWebhook(300);

    private static Service service(String yaml) {
        return KubeJson.model(KubeJson.readYaml("apiVersion: serving.knative.dev/v1\nkind: Service\n" + yaml), Service.class);
    }

    private List<String> problems(String yaml) {
        Service s = service(yaml);
        webhook.defaults(s);
        return webhook.problems(s);
    }

    private static final String CONTAINER = "      containers:\n        - image: app:latest\n";

    @Test
    void defaultsAreKnatives() {
        Service s = service("metadata: {name: hello}\nspec:\n  template:\n    spec:\n" + CONTAINER);
        webhook.defaults(s);
        var spec = s.getSpec().getTemplate().getSpec();
        assertEquals(300L, spec.getTimeoutSeconds());
        assertEquals(0L, spec.getContainerConcurrency());
        assertEquals("user-container", spec.getContainers().get(0).getName());
        assertEquals(1, s.getSpec().getTraffic().size());
        assertEquals(true, s.getSpec().getTraffic().get(0).getLatestRevision());
        assertEquals(100L, s.getSpec().getTraffic().get(0).getPercent());
        assertEquals(List.of(), webhook.problems(s));
    }

    @Test
    void limitsNamesAndContainers() {
        assertEquals(List.of("expected 0 <= 1001 <= 1000: spec.template.spec.containerConcurrency",
                "expected 0 <= 601 <= 600: spec.template.spec.timeoutSeconds"), problems("metadata: {name: hello}\n"
                + "spec:\n  template:\n    spec:\n      containerConcurrency: 1001\n      timeoutSeconds: 601\n" + CONTAINER));
        assertTrue(problems("metadata: {name: Hello_1}\nspec:\n  template:\n    spec:\n" + CONTAINER).get(0)
                .endsWith(": metadata.name"));
        assertEquals(List.of("expected exactly one, got 2 (devserver runs no sidecars): spec.template.spec.containers"),
                problems("metadata: {name: hello}\nspec:\n  template:\n    spec:\n" + CONTAINER + "        - image: b\n"));
        assertEquals(List.of("missing field(s): spec.template.spec.containers[0].image"),
                problems("metadata: {name: hello}\nspec:\n  template:\n    spec:\n      containers: [{name: x}]\n"));
        assertEquals(List.of("\"K_REVISION\" is a reserved environment variable: spec.template.spec.containers[0].env[0].name",
                "8012 is a reserved port: spec.template.spec.containers[0].ports.containerPort"),
                problems("metadata: {name: hello}\nspec:\n  template:\n    spec:\n" + CONTAINER
                        + "          env: [{name: K_REVISION, value: x}]\n          ports: [{containerPort: 8012}]\n"));
        assertEquals(List.of("must have prefix \"hello-\": spec.template.metadata.name"), problems(
                "metadata: {name: hello}\nspec:\n  template:\n    metadata: {name: other}\n    spec:\n" + CONTAINER));
    }

    @Test
    void trafficAddsUpToAHundredWithUniqueTags() {
        String base = "metadata: {name: hello}\nspec:\n  template:\n    spec:\n" + CONTAINER + "  traffic:\n";
        assertEquals(List.of("Traffic targets sum to 90, want 100: spec.traffic"), problems(base
                + "    - {revisionName: hello-00001, percent: 30}\n    - {latestRevision: true, percent: 60}\n"));
        assertEquals(List.of(), problems(base + "    - {revisionName: hello-00001, percent: 30}\n"
                + "    - {latestRevision: true, percent: 70}\n    - {revisionName: hello-00001, tag: old}\n"));
        assertEquals(List.of("Multiple definitions for \"a\": spec.traffic[1].tag",
                "may not set revisionName \"hello-00001\" when latestRevision is true: spec.traffic[0].latestRevision"),
                problems(base + "    - {revisionName: hello-00001, latestRevision: true, percent: 100, tag: a}\n"
                        + "    - {latestRevision: true, tag: a}\n"));
        assertEquals(List.of("expected exactly one, got neither: spec.traffic[0].revisionName"),
                problems(base + "    - {latestRevision: false, percent: 100}\n"));
    }
}
