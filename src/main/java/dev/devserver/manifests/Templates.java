package dev.devserver.manifests;

import dev.devserver.serving.Environment;
import dev.devserver.serving.RevisionSpec;
import dev.devserver.serving.TrafficTarget;
import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** A Knative Service's template and traffic in serving's terms (the webhook's defaults and checks have run). */
final class Templates {
    static final String VISIBILITY = "networking.knative.dev/visibility";

    private Templates() {
    }

    /**
     * The revision a template runs: its container's image, command, args, port, and the environment Kubernetes
     * composes (envFrom secrets in order, then env, whose secretKeyRefs are read from the secret store).
     */
    static RevisionSpec revision(String service, RevisionTemplateSpec template, Function<String, Map<String, String>> secrets) {
        var spec = template.getSpec();
        Container c = spec.getContainers().get(0);
        List<String> fromSecrets = c.getEnvFrom() == null ? List.of() : c.getEnvFrom().stream()
                .map(EnvFromSource::getSecretRef).filter(Objects::nonNull).map(r -> r.getName()).toList();
        Map<String, String> env = Environment.fromSecrets(fromSecrets, secrets);
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                Map<String, String> secret = secrets.apply(e.getValueFrom().getSecretKeyRef().getName());
                String value = secret == null ? null : secret.get(e.getValueFrom().getSecretKeyRef().getKey());
                if (value != null) {
                    env.put(e.getName(), value);
                }
            } else {
                env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
            }
        }
        ContainerPort port = c.getPorts() == null || c.getPorts().isEmpty() ? null : c.getPorts().get(0);
        int number = port == null || port.getContainerPort() == null || port.getContainerPort() == 0
                ? RevisionSpec.DEFAULT_PORT : port.getContainerPort();
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        Long concurrency = spec.getContainerConcurrency();
        Long timeout = spec.getTimeoutSeconds();
        return new RevisionSpec(service, service, c.getImage(), env, empty(c.getCommand()), empty(c.getArgs()), number,
                port != null && "h2c".equals(port.getName()), concurrency == null ? null : concurrency.intValue(),
                timeout == null ? null : Duration.ofSeconds(timeout), annotations);
    }

    private static List<String> empty(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    /** spec.traffic: each target a share (a missing percent is 0), the latest ready revision or one named. */
    static List<TrafficTarget> traffic(Service service) {
        var targets = service.getSpec().getTraffic();
        if (targets == null || targets.isEmpty()) {
            return TrafficTarget.LATEST;
        }
        return targets.stream().map(t -> new TrafficTarget(Boolean.TRUE.equals(t.getLatestRevision()) ? null
                : t.getRevisionName(), t.getTag() == null || t.getTag().isEmpty() ? null : t.getTag(),
                t.getPercent() == null ? 0 : t.getPercent().intValue())).toList();
    }

    static boolean clusterLocal(Service service) {
        Map<String, String> labels = service.getMetadata().getLabels();
        return labels != null && "cluster-local".equals(labels.get(VISIBILITY));
    }
}
