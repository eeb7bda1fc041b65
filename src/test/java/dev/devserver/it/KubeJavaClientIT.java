package dev.devserver.it;

import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fabric8's Java Kubernetes client, as a JVM tool or an operator's test would use it, against a real `devserver up`
 * configured only by `devserver kubeconfig`: Knative objects, secrets with their effect on the function, pods, logs,
 * a watch and the API's errors.
 * fabric8 waits for a watch to open without a deadline of its own, hence the timeout.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubeJavaClientIT {
    private static final String FUNCTION = "vault-env-js";

    @RegisterExtension
    static final UpProcess UP = new UpProcess("secrets");
    static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(UP.kubeconfig())).build();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    static String env() {
        return Http.get(UP.port, FUNCTION + "." + UP.namespace() + ".localhost", "/").body();
    }

    @Test
    void knativeServicesAndRevisionsReadAsTheirModels() {
        assertEquals(UP.namespace(), client.getNamespace(), "the kubeconfig's context names the project's namespace");
        Service service = client.resources(Service.class).withName(FUNCTION).get();
        assertEquals("http://" + FUNCTION + "." + UP.namespace() + ".localhost:" + UP.port, service.getStatus().getUrl());
        assertTrue(service.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")), service.getStatus().toString());
        List<Revision> revisions = client.resources(Revision.class)
                .withLabel("serving.knative.dev/service", FUNCTION).list().getItems();
        assertTrue(revisions.stream().anyMatch(r -> r.getMetadata().getName()
                .equals(service.getStatus().getLatestReadyRevisionName())), revisions.toString());
    }

    @Test
    void aSecretWrittenWithTheClientReachesTheFunctionAndAWatchSeesTheRollout() throws Exception {
        Set<String> revisionsSeen = ConcurrentHashMap.newKeySet();
        try (Watch watch = client.resources(Service.class).withName(FUNCTION).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Service service) {
                revisionsSeen.add(service.getStatus().getLatestCreatedRevisionName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            Secret secret = new SecretBuilder().withNewMetadata().withName("my-secrets").endMetadata()
                    .addToStringData("MY_SECRET", "from-java").build();
            client.secrets().resource(secret).create();
            Eventually.await("the secret in the function's environment", Duration.ofSeconds(90),
                    () -> env().contains("\"MY_SECRET\":\"from-java\""));
            Eventually.await("the watch to see the new revision", Duration.ofSeconds(30), () -> revisionsSeen.size() >= 2);
        }
        client.secrets().withName("my-secrets").edit(s -> new SecretBuilder(s).withStringData(Map.of("MY_SECRET", "edited"))
                .build());
        Eventually.await("the edited value", Duration.ofSeconds(90), () -> env().contains("\"MY_SECRET\":\"edited\""));
        assertEquals(1, client.secrets().withName("my-secrets").delete().size());
        assertNull(client.secrets().withName("my-secrets").get(), "NotFound reads as null, as from a cluster");
        Eventually.await("the secret gone from the function", Duration.ofSeconds(90), () -> env().contains("\"MY_SECRET\":null"));
    }

    @Test
    void podsAndTheirLogs() {
        env(); // a request: the function has a running container
        List<Pod> pods = client.pods().withLabel("serving.knative.dev/service", FUNCTION).list().getItems();
        assertTrue(!pods.isEmpty() && pods.get(0).getStatus().getPhase().equals("Running"), pods.toString());
        assertTrue(client.pods().withName(pods.get(0).getMetadata().getName()).getLog().contains("HTTP running"));
    }

    @Test
    void writesToAFunctionOfServerlessYmlAreForbiddenWithTheFileToEdit() {
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> client.resources(Service.class).withName(FUNCTION).delete());
        assertEquals(403, refused.getCode());
        assertTrue(refused.getMessage().contains(UP.project.resolve("serverless.yml").toString()), refused.getMessage());
    }
}
