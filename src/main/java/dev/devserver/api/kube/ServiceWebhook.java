package dev.devserver.api.kube;

import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Knative's admission webhooks do to a Service before it is stored (knative/serving pkg/apis/serving/v1
 * *_defaults.go and *_validation.go): fill in defaults, then list every problem as {@code "message: field.path"},
 * which the API returns in the webhook's words so kubectl prints them.
 */
final class ServiceWebhook {
    static final String DENIED = "admission webhook \"validation.webhook.serving.knative.dev\" denied the request: validation failed: ";
    private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Set<String> RESERVED_ENV = Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION");
    private static final Set<Integer> RESERVED_PORTS = Set.of(8012, 8013, 8022, 9090, 9091);
    private static final int MAX_CONTAINER_CONCURRENCY = 1000;
    private static final String AUTOSCALING = "autoscaling.knative.dev/";

    private final long defaultTimeoutSeconds;
    private final long maxTimeoutSeconds;

    /** @param defaultTimeoutSeconds `up`'s revision timeout (config-defaults revision-timeout-seconds) */
    ServiceWebhook(long defaultTimeoutSeconds) {
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
        this.maxTimeoutSeconds = Math.max(600, defaultTimeoutSeconds); // max-revision-timeout-seconds
    }

    /** SetDefaults: timeout, concurrency, container name, probe, and 100 % to the latest revision. */
    void defaults(Service service) {
        if (service.getSpec() == null || service.getSpec().getTemplate() == null
                || service.getSpec().getTemplate().getSpec() == null) {
            return;
        }
        var spec = service.getSpec().getTemplate().getSpec();
        if (spec.getTimeoutSeconds() == null) {
            spec.setTimeoutSeconds(defaultTimeoutSeconds);
        }
        if (spec.getContainerConcurrency() == null) {
            spec.setContainerConcurrency(0L);
        }
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(false);
        }
        if (spec.getContainers() != null) {
            for (Container c : spec.getContainers()) {
                if (c.getName() == null || c.getName().isEmpty()) {
                    c.setName("user-container");
                }
                if (c.getResources() == null) {
                    c.setResources(new ResourceRequirements());
                }
                if (c.getReadinessProbe() == null) {
                    c.setReadinessProbe(new ProbeBuilder().withSuccessThreshold(1).withNewTcpSocket()
                            .withNewPort(0).endTcpSocket().build());
                }
            }
        }
        if (service.getSpec().getTraffic() == null || service.getSpec().getTraffic().isEmpty()) {
            service.getSpec().setTraffic(List.of(new TrafficTarget(null, true, 100L, null, null, null)));
        }
        for (TrafficTarget t : service.getSpec().getTraffic()) {
            if (t.getLatestRevision() == null) {
                t.setLatestRevision(t.getRevisionName() == null || t.getRevisionName().isEmpty());
            }
        }
    }

    /** Validate: every problem, sorted as Knative's FieldError prints them; empty when the service is valid. */
    List<String> problems(Service service) {
        List<String> out = new ArrayList<>();
        ObjectMeta meta = service.getMetadata();
        String name = meta == null ? null : meta.getName();
        if (name == null || name.isEmpty()) {
            out.add("missing field(s): metadata.name");
        } else if (!DNS_1035.matcher(name).matches() || name.length() > 63) {
            out.add("not a DNS 1035 label: [a DNS-1035 label must consist of lower case alphanumeric characters or '-',"
                    + " start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',"
                    + " or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]: metadata.name");
        }
        Map<String, String> labels = meta == null ? null : meta.getLabels();
        String visibility = labels == null ? null : labels.get("networking.knative.dev/visibility");
        if (visibility != null && !visibility.equals("cluster-local")) {
            out.add("expected \"cluster-local\", got \"" + visibility + "\": metadata.labels.networking.knative.dev/visibility");
        }
        RevisionTemplateSpec template = service.getSpec() == null ? null : service.getSpec().getTemplate();
        if (template == null || template.getSpec() == null) {
            out.add("missing field(s): spec.template");
            return out.stream().sorted().toList();
        }
        template(name, template, out);
        traffic(service.getSpec().getTraffic(), out);
        return out.stream().sorted().toList();
    }

    private void template(String service, RevisionTemplateSpec template, List<String> out) {
        String given = template.getMetadata() == null ? null : template.getMetadata().getName();
        if (given != null && service != null && !given.startsWith(service + "-")) {
            out.add("must have prefix \"" + service + "-\": spec.template.metadata.name");
        }
        var spec = template.getSpec();
        long cc = spec.getContainerConcurrency() == null ? 0 : spec.getContainerConcurrency();
        if (cc < 0 || cc > MAX_CONTAINER_CONCURRENCY) {
            out.add("expected 0 <= " + cc + " <= " + MAX_CONTAINER_CONCURRENCY + ": spec.template.spec.containerConcurrency");
        }
        long timeout = spec.getTimeoutSeconds() == null ? defaultTimeoutSeconds : spec.getTimeoutSeconds();
        if (timeout < 0 || timeout > maxTimeoutSeconds) {
            out.add("expected 0 <= " + timeout + " <= " + maxTimeoutSeconds + ": spec.template.spec.timeoutSeconds");
        }
        annotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations(), out);
        List<Container> containers = spec.getContainers();
        if (containers == null || containers.isEmpty()) {
            out.add("missing field(s): spec.template.spec.containers");
            return;
        }
        if (containers.size() > 1) {
            out.add("expected exactly one, got " + containers.size() + " (devserver runs no sidecars):"
                    + " spec.template.spec.containers");
        }
        container(containers.get(0), "spec.template.spec.containers[0]", out);
    }

    private static void container(Container c, String path, List<String> out) {
        if (c.getImage() == null || c.getImage().isBlank()) {
            out.add("missing field(s): " + path + ".image");
        }
        List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
        for (int i = 0; i < env.size(); i++) {
            EnvVar e = env.get(i);
            if (e.getName() == null || e.getName().isEmpty()) {
                out.add("missing field(s): " + path + ".env[" + i + "].name");
            } else if (RESERVED_ENV.contains(e.getName())) {
                out.add("\"" + e.getName() + "\" is a reserved environment variable: " + path + ".env[" + i + "].name");
            }
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() == null) {
                out.add("devserver reads env values only from secretKeyRef (it has no ConfigMaps or pod fields): "
                        + path + ".env[" + i + "].valueFrom");
            }
        }
        List<EnvFromSource> from = c.getEnvFrom() == null ? List.of() : c.getEnvFrom();
        for (int i = 0; i < from.size(); i++) {
            if (from.get(i).getSecretRef() == null || from.get(i).getSecretRef().getName() == null) {
                out.add("devserver reads envFrom only from a secretRef with a name (it has no ConfigMaps): "
                        + path + ".envFrom[" + i + "]");
            }
        }
        List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
        if (ports.size() > 1) {
            out.add("more than one container port is set: " + path + ".ports");
        }
        if (!ports.isEmpty()) {
            ContainerPort p = ports.get(0);
            int number = p.getContainerPort() == null ? 0 : p.getContainerPort();
            if (number < 0 || number > 65535) {
                out.add("expected 0 <= " + number + " <= 65535: " + path + ".ports.containerPort");
            } else if (RESERVED_PORTS.contains(number)) {
                out.add(number + " is a reserved port: " + path + ".ports.containerPort");
            }
            if (p.getName() != null && !p.getName().isEmpty() && !Set.of("h2c", "http1").contains(p.getName())) {
                out.add("invalid value: " + p.getName() + " (expected h2c or http1): " + path + ".ports.name");
            }
        }
    }

    private static void annotations(Map<String, String> annotations, List<String> out) {
        if (annotations == null) {
            return;
        }
        Long min = null;
        Long max = null;
        for (Map.Entry<String, String> a : annotations.entrySet()) {
            String key = a.getKey();
            if (!key.startsWith(AUTOSCALING)) {
                continue;
            }
            String field = key.substring(AUTOSCALING.length());
            if (Set.of("min-scale", "minScale", "max-scale", "maxScale", "initial-scale", "target").contains(field)) {
                try {
                    double value = Double.parseDouble(a.getValue().strip());
                    if (value < 0 || (!field.equals("target") && value != Math.floor(value))) {
                        throw new NumberFormatException();
                    }
                    if (field.startsWith("min")) {
                        min = (long) value;
                    } else if (field.startsWith("max")) {
                        max = (long) value;
                    }
                } catch (NumberFormatException e) {
                    out.add("invalid value: " + a.getValue() + ": spec.template.metadata.annotations." + key);
                }
            }
        }
        if (min != null && max != null && max > 0 && min > max) {
            out.add("min-scale=" + min + " is greater than max-scale=" + max
                    + ": spec.template.metadata.annotations." + AUTOSCALING + "max-scale");
        }
    }

    private static void traffic(List<TrafficTarget> traffic, List<String> out) {
        if (traffic == null) {
            return;
        }
        long sum = 0;
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < traffic.size(); i++) {
            TrafficTarget t = traffic.get(i);
            String path = "spec.traffic[" + i + "]";
            boolean named = t.getRevisionName() != null && !t.getRevisionName().isEmpty();
            if (Boolean.TRUE.equals(t.getLatestRevision()) && named) {
                out.add("may not set revisionName \"" + t.getRevisionName() + "\" when latestRevision is true: "
                        + path + ".latestRevision");
            }
            if (Boolean.FALSE.equals(t.getLatestRevision()) && !named) {
                out.add("expected exactly one, got neither: " + path + ".revisionName");
            }
            if (t.getConfigurationName() != null && !t.getConfigurationName().isEmpty()) {
                out.add("disallowed field: " + path + ".configurationName");
            }
            long percent = t.getPercent() == null ? 0 : t.getPercent();
            if (percent < 0 || percent > 100) {
                out.add("expected 0 <= " + percent + " <= 100: " + path + ".percent");
            }
            sum += percent;
            if (t.getTag() != null && !t.getTag().isEmpty()) {
                if (!DNS_1035.matcher(t.getTag()).matches()) {
                    out.add("not a DNS 1035 label: " + t.getTag() + ": " + path + ".tag");
                }
                if (!tags.add(t.getTag())) {
                    out.add("Multiple definitions for \"" + t.getTag() + "\": " + path + ".tag");
                }
            }
        }
        if (!traffic.isEmpty() && sum != 100) {
            out.add("Traffic targets sum to " + sum + ", want 100: spec.traffic");
        }
    }
}
