package dev.devserver.api;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.secrets.SecretStore;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The dev UI's view of functions, after GitLab's Serverless page (ServiceEntity): a row per function. */
final class FunctionsJson {
    private FunctionsJson() {
    }

    /** Names of the secrets in the local store, read once per API request. */
    static Set<String> storedSecrets(Project project) {
        return Set.copyOf(new SecretStore(project.dir(), project.namespace()).names());
    }

    static Map<String, Object> summary(Project project, FunctionView view, Set<String> storedSecrets) {
        Optional<FunctionSpec> spec = project.function(view.function());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", view.function());
        json.put("knativeService", view.knativeService());
        json.put("namespace", view.namespace());
        json.put("url", view.url());
        json.put("description", spec.map(FunctionSpec::description).orElse(null));
        // GitLab shows the build template ("runtime information"); a null runtime means the function's own Dockerfile.
        json.put("runtime", spec.map(s -> s.runtime() == null ? "Dockerfile" : s.runtime()).orElse(null));
        json.put("revision", view.hasReadyRevision() ? view.latestReadyRevision() : view.latestCreatedRevision());
        json.put("ready", view.ready());
        json.put("reason", view.reason());
        json.put("containers", view.containers());
        json.put("created", view.created());
        json.put("missingSecrets", spec.map(f -> missingSecrets(project, f, storedSecrets)).orElse(List.of()));
        return json;
    }

    /** Secrets the function references that the local store lacks (Knative starts it anyway: optional: true). */
    private static List<String> missingSecrets(Project project, FunctionSpec function, Set<String> storedSecrets) {
        return project.secrets(function).stream().filter(name -> !storedSecrets.contains(name)).toList();
    }

    /** The summary plus revisions and env/secret names (never values: they may hold secrets). */
    static Map<String, Object> details(Project project, FunctionView view, List<?> recentRequests) {
        Map<String, Object> json = summary(project, view, storedSecrets(project));
        Optional<FunctionSpec> spec = project.function(view.function());
        json.put("serviceDescription", project.description());
        json.put("latestCreatedRevision", view.latestCreatedRevision());
        json.put("latestReadyRevision", view.latestReadyRevision());
        json.put("envs", spec.map(s -> List.copyOf(project.env(s).keySet())).orElse(List.copyOf(project.envs().keySet())));
        json.put("secrets", spec.map(project::secrets).orElse(project.secrets()));
        List<Map<String, Object>> traffic = traffic(view);
        json.put("traffic", traffic);
        json.put("revisions", view.revisions().stream().map(r -> revision(r, traffic)).toList());
        json.put("recentRequests", recentRequests);
        return json;
    }

    /**
     * Knative's status.traffic: which revisions get what share. serverless.yml functions send all of it to the latest
     * ready revision; services applied with kubectl may split it and tag targets (spec.traffic).
     */
    static List<Map<String, Object>> traffic(FunctionView view) {
        return view.traffic().stream().filter(t -> !t.revision().isEmpty()).map(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("revision", t.revision());
            target.put("percent", t.percent());
            target.put("tag", t.tag());
            target.put("latest", t.latestRevision());
            return target;
        }).toList();
    }

    static Map<String, Object> revision(RevisionView r, List<Map<String, Object>> traffic) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", r.name());
        json.put("image", r.image());
        json.put("created", r.created());
        json.put("ready", r.ready());
        json.put("failure", r.failure());
        json.put("containers", r.containers());
        json.put("active", r.active());
        json.put("percent", traffic.stream().filter(t -> r.name().equals(t.get("revision")))
                .mapToInt(t -> (Integer) t.get("percent")).sum());
        return json;
    }
}
