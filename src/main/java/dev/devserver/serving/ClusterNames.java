package dev.devserver.serving;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names a service has inside a cluster, as Kubernetes DNS gives them to pods of the namespace: the Service name
 * {@code <x>.<ns>.svc.cluster.local}, its short forms {@code <x>.<ns>.svc} and {@code <x>.<ns>} (the search path), and
 * the public {@code <x>.<ns>.<domain>}; {@code <x>} is a Knative service or a tag route ({@code <tag>-<ksvc>}), in any
 * namespace served (`up`: the project's; `devserver cluster`: each one a service runs in).
 */
record ClusterNames(Set<String> namespaces, String domain) {
    private static final String[] SUFFIXES = {".svc.cluster.local", ".svc"};

    /** `up`'s one namespace. */
    ClusterNames(String namespace, String domain) {
        this(Set.of(namespace), domain);
    }

    /** Every name of the service whose public host is {@code publicHost}; just that host when it is in no namespace served. */
    List<String> of(String publicHost) {
        if (namespaces.stream().noneMatch(ns -> publicHost.endsWith("." + ns + "." + domain))) {
            return List.of(publicHost);
        }
        String local = publicHost.substring(0, publicHost.length() - domain.length() - 1); // <x>.<ns>
        return List.of(local + SUFFIXES[0], local + SUFFIXES[1], local, publicHost);
    }

    /** The public host a cluster name stands for ({@code <x>.<ns>.svc.cluster.local} → {@code <x>.<ns>.<domain>}). */
    Optional<String> publicHost(String host) {
        String local = host;
        for (String suffix : SUFFIXES) {
            if (local.endsWith(suffix)) {
                local = local.substring(0, local.length() - suffix.length());
                break;
            }
        }
        int dot = local.indexOf('.');
        boolean inNamespace = dot > 0 && namespaces.contains(local.substring(dot + 1));
        return inNamespace ? Optional.of(local + "." + domain) : Optional.empty();
    }
}
