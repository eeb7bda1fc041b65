package dev.devserver.api.kube;

import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pod per running function container, named and labelled as Knative's ({@code <revision>-deployment-…}, labels
 * serving.knative.dev/service|configuration|revision), with the one container {@code user-container}.
 */
final class PodObjects {
    static final String CONTAINER = "user-container";

    private PodObjects() {
    }

    static List<Pod> of(FunctionView view) {
        List<Pod> pods = new ArrayList<>();
        for (RevisionView r : view.revisions()) {
            for (int i = 1; i <= r.containers(); i++) {
                pods.add(pod(view, r, i));
            }
        }
        return pods;
    }

    /** Stable while the revision keeps that many containers: {@code <revision>-deployment-<hash>-<n>}. */
    static String name(RevisionView r, int index) {
        String hash = Integer.toHexString(r.name().hashCode() & 0xfffffff);
        return r.name() + "-deployment-" + hash + "-" + index;
    }

    private static Pod pod(FunctionView view, RevisionView r, int index) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", r.name());
        labels.put(KnativeObjects.SERVICE_LABEL, view.knativeService());
        labels.put("serving.knative.dev/configuration", view.knativeService());
        labels.put("serving.knative.dev/configurationGeneration", String.valueOf(KnativeObjects.generation(r)));
        labels.put("serving.knative.dev/revision", r.name());
        labels.put("serving.knative.dev/revisionUID", KnativeObjects.uid("Revision", view.namespace(), r.name()));
        String started = KnativeObjects.timestamp(r.created());
        String status = r.ready() ? "True" : "False";
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name(r, index)).withNamespace(view.namespace())
                .withUid(KnativeObjects.uid("Pod", view.namespace(), name(r, index))).withCreationTimestamp(started)
                .withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(CONTAINER).withImage(r.image()).addNewPort()
                .withName("user-port").withContainerPort(8080).withProtocol("TCP").endPort().endContainer()
                .withNodeName("devserver").endSpec()
                .withNewStatus().withPhase("Running").withHostIP("127.0.0.1").withPodIP("127.0.0.1").withStartTime(started)
                .addNewCondition().withType("Ready").withStatus(status).endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(status).endCondition()
                .addNewContainerStatus().withName(CONTAINER).withImage(r.image()).withReady(r.ready()).withStarted(true)
                .withRestartCount(0).withNewState().withNewRunning().withStartedAt(started).endRunning().endState()
                .endContainerStatus().endStatus()
                .build();
        return KnativeObjects.versioned(pod);
    }
}
