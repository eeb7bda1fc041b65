package dev.devserver.serving;

import dev.devserver.project.Project;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Knative Services applied through the Kubernetes API, served exactly as serverless.yml functions are (same
 * revisions, containers, autoscaler, router), with what only they have: an image given rather than built, revisions
 * named by their template, traffic split between revisions, tags on their own hosts, and cluster-local visibility.
 * Serving names the revisions; the caller decides when a template changed (as the reloader does for functions).
 */
public final class KnativeServices {
    private final Serving serving;
    private final Rollout rollout;
    private final Map<String, FunctionService> byFunction;
    private final Map<String, ServiceRoute> byHost;
    private final Supplier<Project> project;
    private final int routerPort;
    private final Map<String, Set<String>> hosts = new ConcurrentHashMap<>();

    KnativeServices(Serving serving, Rollout rollout, Map<String, FunctionService> byFunction,
                    Map<String, ServiceRoute> byHost, Supplier<Project> project, int routerPort) {
        this.serving = serving;
        this.rollout = rollout;
        this.byFunction = byFunction;
        this.byHost = byHost;
        this.project = project;
        this.routerPort = routerPort;
    }

    /** `up`'s revision timeout, the default of a template's timeoutSeconds. */
    public Duration revisionTimeout() {
        return serving.gracePeriod();
    }

    boolean ownsHost(String host) {
        return hosts.values().stream().anyMatch(h -> h.contains(host));
    }

    List<FunctionService> all() {
        return byFunction.values().stream().filter(FunctionService::manifest)
                .sorted(Comparator.comparing(FunctionService::knativeService)).toList();
    }

    public boolean exists(String namespace, String service) {
        FunctionService s = byFunction.get(key(namespace, service));
        return s != null && s.manifest();
    }

    /**
     * Serving's name of a service: its own in the project's namespace (logs are {@code <name>.log}), else
     * {@code <name>.<namespace>}, so equal names in two namespaces of `devserver cluster` stay apart.
     */
    private String key(String namespace, String service) {
        return namespace.equals(project.get().namespace()) ? service : service + "." + namespace;
    }

    /** Knative's default domain template {@code {{.Name}}.{{.Namespace}}.{{.Domain}}}. */
    private String host(String namespace, String name) {
        return name + "." + namespace + "." + project.get().domain();
    }

    /** The URL of a host on the router's port. */
    public String url(String host) {
        return "http://" + host + (routerPort == 80 ? "" : ":" + routerPort);
    }

    /** The host of a tagged target: {@code <tag>-<service>.<namespace>.<domain>}, as Knative's tag-header-less routes. */
    public String tagHost(String namespace, String service, String tag) {
        return host(namespace, tag + "-" + service);
    }

    private FunctionService register(String namespace, String service) {
        return byFunction.computeIfAbsent(key(namespace, service), key -> {
            String host = host(namespace, service);
            FunctionService s = new FunctionService(namespace, service, key, () -> url(host), serving::demand, true);
            hosts.put(key, Set.of(host));
            byHost.put(host, s);
            serving.hostsChanged();
            return s;
        });
    }

    /**
     * A new revision of the service (made when new) running {@code spec}, named {@code given} or Knative's next
     * {@code <service>-0000N}; its containers start now. Returns its name at once; its readiness shows in the views.
     */
    public String rollOut(String namespace, String service, String given, RevisionSpec spec) {
        FunctionService s = register(namespace, service);
        Revision revision = rollout.create(s, given, spec.named(s.function()), null);
        rollout.launch(s, revision).exceptionally(failed -> null); // the failure is the revision's, shown in its status
        return revision.name;
    }

    /**
     * A revision kept from an earlier `up`, with its name and generation; started when {@code start} (the latest, and
     * those traffic names), else created at zero containers, as Knative keeps unrouted revisions.
     */
    public void restore(String namespace, String service, String name, long generation, RevisionSpec spec, boolean start) {
        FunctionService s = register(namespace, service);
        s.generationAtLeast(generation - 1);
        Revision revision = rollout.create(s, name, spec.named(s.function()), null);
        if (start) {
            rollout.launch(s, revision).exceptionally(failed -> null);
        }
    }

    /**
     * Sets where the service's requests go: {@code traffic} (validated: its revisions exist, percents add up to 100),
     * tag hosts, and whether the host router may reach it. Revisions that lose all traffic drain; those named again
     * serve again (from zero containers, started on the first request).
     */
    public void route(String namespace, String service, List<TrafficTarget> traffic, boolean clusterLocal) {
        FunctionService s = register(namespace, service);
        s.route(traffic, clusterLocal);
        Set<String> now = new HashSet<>();
        now.add(host(namespace, service));
        for (TrafficTarget t : traffic) {
            if (t.tag() != null) {
                String tagged = tagHost(namespace, service, t.tag());
                now.add(tagged);
                byHost.put(tagged, s.tagged(t.tag()));
            }
        }
        Set<String> before = hosts.put(key(namespace, service), Set.copyOf(now));
        if (before != null) {
            before.stream().filter(h -> !now.contains(h)).forEach(byHost::remove);
        }
        serving.hostsChanged(); // function containers resolve the tag hosts too
        Set<Revision> routed = s.routed();
        Revision current = s.current().orElse(null);
        for (Revision r : s.history()) {
            if (routed.contains(r)) {
                r.lifecycle.reinstate();
            } else if (r != current && !s.isLatest(r) && !r.replicas.isEmpty()) { // the latest may be starting now
                if (current != null) {
                    rollout.drain(r, current);
                } else {
                    rollout.stopAll(r);
                }
            }
        }
    }

    /** The configuration generation that made the service's revision {@code revision} (0 when unknown). */
    public long generation(String namespace, String service, String revision) {
        FunctionService s = byFunction.get(key(namespace, service));
        return s == null ? 0 : s.revision(revision).map(r -> r.generation).orElse(0L);
    }

    /** Removes the service: its hosts stop answering, its containers stop gracefully. */
    public void delete(String namespace, String service) {
        FunctionService s = byFunction.get(key(namespace, service));
        if (s == null || !s.manifest()) {
            return;
        }
        Set<String> gone = hosts.remove(key(namespace, service));
        if (gone != null) {
            gone.forEach(byHost::remove);
            serving.hostsChanged();
        }
        serving.remove(s, service + " was deleted");
    }
}
