package dev.devserver.serving;

import java.util.List;
import java.util.Optional;

/** What the router reads from serving: which service answers a Host, and how every service is doing. */
public interface ServiceDirectory {
    /** @param hostName the Host header's name, lower-cased, without port: {@code <ksvc>.<namespace>.<domain>} */
    Optional<ServiceRoute> find(String hostName);

    /**
     * For a request from a function container (the router's cluster listener): also the cluster names
     * {@code <ksvc>.<ns>.svc.cluster.local}, {@code <ksvc>.<ns>.svc} and {@code <ksvc>.<ns>}.
     */
    default Optional<ServiceRoute> findFromCluster(String hostName) {
        return find(hostName);
    }

    List<ServiceStatus> statuses();
}
