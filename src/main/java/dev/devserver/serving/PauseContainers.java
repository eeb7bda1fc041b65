package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.devserver.docker.Labels;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * A Kubernetes pod keeps its network in a pause container, and the user container joins that network. Devserver does
 * the same for a reload's new revision: while the image builds, a pause container (a shell waiting for SIGTERM, from
 * the local Debian base) starts on the cluster network with the revision port published on loopback; the revision's
 * container is created in its network namespace meanwhile, and starts once the pause runs. That container's own start
 * skips what makes a start slow on a busy engine (veth pair, bridge, iptables, the userland port proxy), and what it
 * runs, its files and its image stay exactly its own. A pause goes when the container that joined it is removed.
 * Without the Debian base, or for another port or a debugger, containers get their own network as before.
 */
final class PauseContainers {
    /** Marks a pause container (it also carries the project label, so `down` and leftovers find it). */
    static final String ROLE = "dev.devserver.role";
    static final String IMAGE = "debian:bookworm-slim";
    private static final ExposedPort PORT = ExposedPort.tcp(RevisionSpec.DEFAULT_PORT);
    private static final String[] WAIT_FOR_TERM = {"sh", "-c", "trap 'exit 0' TERM INT; sleep infinity & wait"};

    /**
     * A pause container, created; {@code started} completes once it runs, with where its published port and bridge
     * address reach what joins it. A container may join it before that, and start once it has.
     */
    record Pause(String id, CompletableFuture<Started> started) {
    }

    record Started(Endpoint published, String address) {
        /** The joined container's port at the pause's bridge address, when this host reaches that network. */
        Endpoint bridge(int port, boolean reachable) {
            return address == null || !reachable ? null : new Endpoint(address, port);
        }
    }

    private final DockerClient docker;
    private final String project;
    private final Queue<CompletableFuture<Pause>> spares = new ConcurrentLinkedQueue<>();
    private volatile Boolean imagePresent;
    private volatile ClusterNetwork network;
    private boolean closed; // guarded by this: no spare is added once close() took them all

    private final Executor workers;

    PauseContainers(DockerClient docker, String project, Executor workers) {
        this.docker = docker;
        this.project = project;
        this.workers = workers;
    }

    void join(ClusterNetwork cluster) {
        network = cluster;
    }

    /** Starts pause containers until {@code count} are spare (started or starting). */
    synchronized void prepare(int count) {
        if (closed || !imagePresent()) {
            return;
        }
        while (spares.size() < count) {
            spares.add(CompletableFuture.supplyAsync(this::newPause, workers));
        }
    }

    /** Created now, started in the background. */
    private Pause newPause() {
        String id = create();
        return new Pause(id, CompletableFuture.supplyAsync(() -> start(id), workers));
    }

    /** The first spare the engine made (waiting for one still being created), or empty. */
    private Optional<Pause> nextSpare() {
        CompletableFuture<Pause> spare;
        while ((spare = spares.poll()) != null) {
            try {
                return Optional.of(spare.join());
            } catch (RuntimeException failed) {
                // the engine refused this one; try the next
            }
        }
        return Optional.empty();
    }

    /**
     * A spare pause container for a container listening on {@code port} (waiting for one still being created), or empty:
     * none prepared, it failed, or the revision needs what a pause cannot give (another port, a debugger's).
     */
    Optional<Pause> take(int port, boolean debugged) {
        if (port != RevisionSpec.DEFAULT_PORT || debugged) {
            return Optional.empty();
        }
        Optional<Pause> taken = nextSpare();
        taken.ifPresent(pause -> workers.execute(() -> prepare(1))); // the next reload's, now: a pause can take longer than a build
        return taken;
    }

    /**
     * A pause container for a container created ahead of a reload ({@link AheadContainers}): a spare if one waits, else
     * a new one; no spare is started for it (that container's pause is the next reload's, given back if unused).
     */
    Optional<Pause> reserve() {
        Optional<Pause> spare = nextSpare();
        return spare.isPresent() || !imagePresent() ? spare : Optional.of(newPause());
    }

    /** A pause no container joined after all: the next one to take a pause gets it (or close(), removing it). */
    synchronized void giveBack(Pause pause) {
        if (closed) {
            remove(pause.id());
        } else {
            spares.add(CompletableFuture.completedFuture(pause));
        }
    }

    /**
     * The session ends: no pause starts from now on, and every spare is removed, waiting for those the engine is still
     * creating. The stop that follows lists the project's containers once, and one created after that would outlive it.
     */
    void close() {
        synchronized (this) {
            closed = true;
        }
        CompletableFuture<Pause> spare;
        while ((spare = spares.poll()) != null) {
            try {
                remove(spare.join().id());
            } catch (RuntimeException neverCreated) {
                // nothing to remove
            }
        }
    }

    /**
     * Listed containers in the order they may go: the others first, then the pause containers, whose network the
     * others still drain through, and which Podman removes only once no container joins them ("has dependent
     * containers").
     */
    static List<List<Container>> pausesLast(List<Container> containers) {
        Map<Boolean, List<Container>> byRole = containers.stream().collect(Collectors.partitioningBy(PauseContainers::isPause));
        return List.of(byRole.get(false), byRole.get(true));
    }

    private static boolean isPause(Container container) {
        return container.getLabels() != null && "pause".equals(container.getLabels().get(ROLE));
    }

    /** The joining container's host configuration: the pause's network namespace instead of its own network and ports. */
    static HostConfig joining(Pause pause, HostConfig host) {
        return host.withNetworkMode("container:" + pause.id());
    }

    private boolean imagePresent() {
        Boolean known = imagePresent;
        if (known == null) {
            try {
                docker.inspectImageCmd(IMAGE).exec();
                known = true;
            } catch (NotFoundException absent) {
                known = false;
            }
            imagePresent = known;
        }
        return known;
    }

    private String create() {
        HostConfig host = HostConfig.newHostConfig().withPortBindings(new Ports(PORT, Ports.Binding.bindIp("127.0.0.1")));
        ClusterNetwork cluster = network;
        return docker.createContainerCmd(IMAGE).withCmd(WAIT_FOR_TERM).withExposedPorts(PORT)
                .withLabels(Map.of(Labels.PROJECT, project, ROLE, "pause"))
                .withHostConfig(cluster == null ? host : host.withNetworkMode(cluster.name)).exec().getId();
    }

    private Started start(String id) {
        try {
            docker.startContainerCmd(id).exec();
            var settings = docker.inspectContainerCmd(id).exec().getNetworkSettings();
            Ports.Binding[] bound = settings.getPorts().getBindings().get(PORT);
            String address = settings.getNetworks() == null ? null : settings.getNetworks().values().stream()
                    .map(ContainerNetwork::getIpAddress).filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
            return new Started(new Endpoint("127.0.0.1", Integer.parseInt(bound[0].getHostPortSpec())), address);
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
    }

    void remove(String pauseId) {
        try {
            docker.removeContainerCmd(pauseId).withForce(true).exec();
        } catch (RuntimeException goneOrEngineDown) {
            // `down` or the next `up` removes what is left (it carries the project label)
        }
    }
}
