package dev.devserver.render;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Mode;
import dev.devserver.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Knative {@code serving.knative.dev/v1} Services gitlabktl would deploy for a project. gitlabktl deploys through
 * TriggerMesh {@code tm}, so the rules are tm's ({@code pkg/resources/service/yaml-manifest.go} and {@code create.go}),
 * written for {@code v1} instead of {@code v1alpha1}.
 */
public final class KnativeManifests {
    public static final String API_VERSION = "serving.knative.dev/v1";
    /** tm deploys functions with the tag {@code latest}, which also makes the cluster re-pull on every deploy. */
    public static final String TAG = "latest";

    private KnativeManifests() {
    }

    /** @param registry image registry prefix, e.g. {@code registry.gitlab.com/group/project}; null or blank for none */
    public static List<Manifest> services(Project project, String registry) {
        List<Manifest> out = new ArrayList<>();
        for (FunctionSpec f : project.functions()) {
            out.add(new Manifest(Manifest.Kind.KNATIVE_SERVICE, f.knativeService(), service(project, f, registry)));
        }
        return out;
    }

    public static String image(FunctionSpec f, String registry) {
        String prefix = registry == null || registry.isBlank() ? "" : registry.strip().replaceAll("/+$", "") + "/";
        return prefix + f.imageName() + ":" + TAG;
    }

    private static Map<String, Object> service(Project project, FunctionSpec f, String registry) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", f.knativeService());
        metadata.put("namespace", project.namespace());
        putIfNotEmpty(metadata, "labels", labels(project, f));

        Map<String, Object> templateMetadata = new LinkedHashMap<>();
        putIfNotEmpty(templateMetadata, "labels", labels(project, f));
        putIfNotEmpty(templateMetadata, "annotations", annotations(project, f));

        Map<String, Object> templateSpec = new LinkedHashMap<>();
        if (f.concurrency() != null) {
            templateSpec.put("containerConcurrency", f.concurrency());
        }
        templateSpec.put("containers", List.of(container(project, f, registry)));

        Map<String, Object> template = new LinkedHashMap<>();
        putIfNotEmpty(template, "metadata", templateMetadata);
        template.put("spec", templateSpec);

        Map<String, Object> service = new LinkedHashMap<>();
        service.put("apiVersion", API_VERSION);
        service.put("kind", "Service");
        service.put("metadata", metadata);
        service.put("spec", Map.of("template", template));
        return service;
    }

    /**
     * The function's labels, then {@code service=<service>} (tm appends it last, so it wins): tm finds the services
     * of a project by that label to delete orphans. {@code tm deploy service} (APPLICATION mode) sets no label.
     */
    private static Map<String, String> labels(Project project, FunctionSpec f) {
        Map<String, String> labels = new LinkedHashMap<>(f.labels());
        if (project.mode() == Mode.FUNCTIONS) {
            labels.put("service", project.service());
        }
        return labels;
    }

    /**
     * tm's order: provider annotations, then the service description as {@code Description}, then the function's
     * annotations, then {@code Description += "\n" + function description}. GitLab's Serverless page reads it.
     */
    private static Map<String, String> annotations(Project project, FunctionSpec f) {
        Map<String, String> annotations = new LinkedHashMap<>(f.annotations());
        String own = f.annotations().get("Description");
        boolean functionSetsIt = own != null && !own.equals(project.annotations().get("Description"));
        if (!functionSetsIt && !isBlank(project.description())) {
            annotations.put("Description", project.description());
        }
        if (!isBlank(f.description())) {
            annotations.put("Description", annotations.getOrDefault("Description", "") + "\n" + f.description());
        }
        return annotations;
    }

    /** No container name: Knative defaults it to {@code user-container}, and tm leaves it out too. */
    private static Map<String, Object> container(Project project, FunctionSpec f, String registry) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("image", image(f, registry));
        // tm also adds an env var `timestamp` set to the deploy time to force a new revision; a rendered file
        // must be reproducible, and `kubectl apply` of a changed image or env makes a new revision anyway.
        Map<String, String> env = project.env(f);
        List<Map<String, Object>> envList = new ArrayList<>();
        env.forEach((name, value) -> envList.add(nameValue(name, value)));
        if (!envList.isEmpty()) {
            container.put("env", envList);
        }
        List<Map<String, Object>> envFrom = new ArrayList<>();
        // Provider secrets then the function's, each once: tm lists them all, a duplicate would only repeat envFrom.
        for (String secret : project.secrets(f)) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("name", secret);
            ref.put("optional", true);
            envFrom.add(Map.of("secretRef", ref));
        }
        if (!envFrom.isEmpty()) {
            container.put("envFrom", envFrom);
        }
        if (f.h2c()) { // what the annotation stands for on a cluster: Knative speaks HTTP/2 cleartext to a port named h2c
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("name", "h2c");
            port.put("containerPort", 8080);
            container.put("ports", List.of(port));
        }
        return container;
    }

    private static Map<String, Object> nameValue(String name, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value == null ? "" : value);
        return entry;
    }

    private static void putIfNotEmpty(Map<String, Object> target, String key, Map<String, ?> value) {
        if (!value.isEmpty()) {
            target.put(key, value);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
