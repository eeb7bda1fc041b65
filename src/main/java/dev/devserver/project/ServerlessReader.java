package dev.devserver.project;

import dev.devserver.project.YamlTree.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the top level and {@code provider:} of serverless.yml and assembles the Project. */
record ServerlessReader(Problems problems, Fields fields, ProjectDir dir) {
    private static final List<String> TOP_KEYS = List.of("service", "description", "provider", "functions");
    private static final List<String> TOP_TM_ONLY = List.of("repository", "include");
    private static final List<String> PROVIDER_KEYS = List.of("name", "envs", "environment", "secrets",
            "env-secrets", "annotations", "registry");
    private static final List<String> PROVIDER_TM_ONLY = List.of("registry-secret", "pull-policy", "namespace",
            "runtime", "buildtimeout");

    ServerlessReader(Problems problems, ProjectDir dir) {
        this(problems, new Fields(problems), dir);
    }

    /** The project, or null when the top level is unusable; check {@link Problems#any()} either way. */
    Project read(Node root, Path file, String namespace, String domain) {
        if (!(root instanceof MappingNode top)) {
            problems.error(root, "the top level must be a mapping with `service:` and `functions:`, not "
                    + YamlTree.describe(root));
            return null;
        }
        Map<String, Entry> e = YamlTree.entries(top, "the top level", problems);
        YamlTree.checkKeys(e, TOP_KEYS, TOP_TM_ONLY, "the top level", problems);
        String service = service(root, e.get("service"));
        Map<String, Entry> provider = provider(e.get("provider"));
        Map<String, String> annotations = fields.annotations(provider.get("annotations"));
        List<FunctionSpec> functions = functions(root, e.get("functions"), service, annotations);
        // Messages keep the path as the user typed it; the model gets the absolute one inside the project dir.
        Path absolute = file == null || file.getFileName() == null ? null : dir.real().resolve(file.getFileName());
        return new Project(dir.real(), absolute, Mode.FUNCTIONS, service, fields.text(e.get("description"), "what it does"),
                namespace, domain, fields.text(provider.get("registry"), "registry.example.com/group/project"),
                fields.envs(provider), fields.secrets(provider), annotations, functions, problems.notes());
    }

    private String service(Node root, Entry e) {
        String service = fields.text(e, "my-functions");
        if (service == null) {
            if (e == null || YamlTree.isNull(e.value())) {
                problems.error(e == null ? root : e.key(), "`service` is missing; add e.g. `service: my-functions`"
                        + " (it prefixes every Knative service name)");
            }
            return null;
        }
        if (!Names.isLabelShape(service)) {
            String fix = Names.sanitizeLabel(service);
            problems.error(e.key(), "service name `" + service + "` must use only lowercase letters, digits and `-`,"
                    + " starting and ending with a letter or digit (it prefixes Knative service names)"
                    + (fix.isEmpty() ? "" : "; try `" + fix + "`"));
            return null;
        }
        return service;
    }

    private Map<String, Entry> provider(Entry e) {
        MappingNode m = fields.mapping(e, "name: triggermesh");
        if (m == null) {
            return Map.of();
        }
        Map<String, Entry> p = YamlTree.entries(m, "`provider`", problems);
        YamlTree.checkKeys(p, PROVIDER_KEYS, PROVIDER_TM_ONLY, "`provider`", problems);
        String name = fields.text(p.get("name"), "triggermesh");
        if (name != null && !name.equals("triggermesh")) {
            problems.error(p.get("name").key(), "provider `" + name + "` is not supported; use `name: triggermesh`"
                    + " or leave `name` out");
        }
        return p;
    }

    private List<FunctionSpec> functions(Node root, Entry e, String service, Map<String, String> annotations) {
        List<FunctionSpec> out = new ArrayList<>();
        MappingNode m = fields.mapping(e, "echo: {source: ./echo, runtime: gitlab/runtimes/nodejs, handler: echo}");
        if (e == null || YamlTree.isNull(e.value()) || (m != null && m.getValue().isEmpty())) {
            problems.error(e == null ? root : e.key(), "at least one function is needed under `functions:`, e.g."
                    + " `functions: {echo: {source: ./echo, runtime: gitlab/runtimes/nodejs, handler: echo}}`");
        }
        if (m == null) {
            return out;
        }
        FunctionReader reader = new FunctionReader(problems, dir);
        for (Entry f : YamlTree.entries(m, "`functions`", problems).values()) {
            FunctionSpec spec = reader.read(f.key(), f.value(), service, annotations);
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }
}
