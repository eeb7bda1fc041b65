package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.devserver.docker.EngineKind;
import dev.devserver.docker.Labels;
import dev.devserver.image.PendingImage;

import com.github.dockerjava.api.command.InspectImageResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** The Docker operations serving needs: run a revision's container on a loopback port, follow it, remove it. */
final class Containers {
    private final DockerClient docker;
    private final ContainerLines lines;
    private volatile ClusterNetwork network;

    Containers(DockerClient docker) {
        this.lines = new ContainerLines(docker);
        this.docker = docker;
    }

    /** Which engine runs the containers (whether they get --init, whether their bridge address is ours). */
    private EngineKind engine() {
        return EngineKind.of(docker);
    }

    /** Containers created from now on join {@code cluster} and resolve the services' cluster names through its hosts file. */
    void join(ClusterNetwork cluster) {
        network = cluster;
    }

    /**
     * Creates (without starting) the container {@code blueprint} describes, publishing its port on 127.0.0.1 at a port
     * Docker picks, and its debugger's port the same way under `up --debug`; a command replaces the image's entrypoint
     * and its arguments, as Kubernetes' command does. With a {@code pause} container, it joins that one's network
     * namespace (published port, address) instead. Of a pending layer's base, it needs {@link #copyLayer} before it
     * starts.
     */
    Replica create(Blueprint blueprint, PauseContainers.Pause pause) {
        ExposedPort port = ExposedPort.tcp(blueprint.port());
        List<ExposedPort> exposed = blueprint.debugPort() == null ? List.of(port)
                : List.of(port, ExposedPort.tcp(blueprint.debugPort()));
        Ports bindings = new Ports();
        exposed.forEach(p -> bindings.bind(p, Ports.Binding.bindIp("127.0.0.1")));
        String name = blueprint.revision() + "-deployment-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
        HostConfig host = pause == null ? HostConfig.newHostConfig().withPortBindings(bindings)
                : PauseContainers.joining(pause, HostConfig.newHostConfig()); // the engine refuses ports of its own there
        var create = docker.createContainerCmd(blueprint.image()).withName(name).withEnv(blueprint.env())
                .withLabels(blueprint.labels()).withExposedPorts(pause == null ? exposed : List.of())
                .withHostConfig(onCluster(writableVarLog(blueprint.image(), host.withInit(engine().canInit()))));
        if (blueprint.command() != null) {
            create.withEntrypoint(blueprint.command());
        }
        if (blueprint.args() != null) {
            create.withCmd(blueprint.args());
        }
        Replica replica = new Replica(create.exec().getId(), name);
        replica.pause = pause;
        return replica;
    }

    /**
     * Copies a pending image's layer into a created container of its base ({@link PendingImage}), before it ever
     * starts: what runs never changes under it. A container the engine refused the files is removed.
     */
    void copyLayer(Replica replica, PendingImage layer) {
        try {
            docker.copyArchiveToContainerCmd(replica.containerId).withRemotePath(layer.destination())
                    .withTarInputStream(layer.layerTar()).exec();
        } catch (RuntimeException e) {
            remove(replica.containerId);
            throw e;
        }
    }

    /** On the cluster network (or in a pause container's, which is on it) with the cluster's hosts file. */
    private HostConfig onCluster(HostConfig host) {
        ClusterNetwork cluster = network;
        if (cluster == null) {
            return host;
        }
        return cluster.hostsFile().map(hosts -> host.withBinds(new Bind(hosts.toString(), new Volume("/etc/hosts"), AccessMode.ro)))
                .orElse(host).withNetworkMode(host.getNetworkMode() == null ? cluster.name : host.getNetworkMode());
    }

    /**
     * Starts a created container and learns its endpoints (none when it exited at once): the published loopback port, and the container's own
     * address on the bridge network, which skips Docker's userland port proxy when this host can reach it.
     */
    void start(Replica replica, Revision revision) {
        int containerPort = revision.spec.port();
        if (replica.pause != null) { // the pause's endpoints, known once it started: no inspect
            PauseContainers.Started pause;
            try {
                pause = replica.pause.started().join();
            } catch (CompletionException e) {
                throw new IllegalStateException("its pause container did not start: " + e.getCause().getMessage(), e);
            }
            docker.startContainerCmd(replica.containerId).exec();
            replica.endpoint = pause.published();
            replica.bridgeEndpoint = pause.bridge(containerPort, engine().bridgeIsHosts());
            return;
        }
        docker.startContainerCmd(replica.containerId).exec();
        var settings = docker.inspectContainerCmd(replica.containerId).exec().getNetworkSettings();
        Ports.Binding[] bound = settings.getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        if (bound == null || bound.length == 0) { // it exited already: no port; its logs and exit code tell why
            return;
        }
        replica.endpoint = new Endpoint("127.0.0.1", Integer.parseInt(bound[0].getHostPortSpec()));
        if (revision.debugger != null) {
            Ports.Binding[] debug = settings.getPorts().getBindings().get(ExposedPort.tcp(revision.debugger.containerPort()));
            replica.debugEndpoint = debug == null || debug.length == 0 ? null
                    : new Endpoint("127.0.0.1", Integer.parseInt(debug[0].getHostPortSpec()));
        }
        String ip = settings.getIpAddress(); // empty on a user-defined network: its address is under Networks
        if ((ip == null || ip.isBlank()) && settings.getNetworks() != null) {
            ip = settings.getNetworks().values().stream().map(ContainerNetwork::getIpAddress)
                    .filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
        }
        replica.bridgeEndpoint = ip == null || ip.isBlank() || !engine().bridgeIsHosts() ? null : new Endpoint(ip, containerPort);
    }

    /**
     * The runtime contract lists /var/log among the directories a container may write; an image running as a
     * non-root USER usually finds it root's 0755. Those get an empty tmpfs there, mode 1777 like /tmp. Root images
     * keep theirs: it is writable already and may hold what the program expects (nginx's log symlinks).
     * A plain tmpfs mount would not do: Docker copies the image directory's mode onto it. An anonymous tmpfs volume
     * without copy-up keeps 1777; it goes with the container ({@link #remove}).
     */
    private HostConfig writableVarLog(String image, HostConfig host) {
        String user = nonRootUsers.computeIfAbsent(image, this::imageUser);
        if (user.isEmpty()) {
            return host;
        }
        return host.withMounts(List.of(new Mount().withType(MountType.VOLUME).withTarget("/var/log")
                .withVolumeOptions(new VolumeOptions().withNoCopy(true).withDriverConfig(new Driver().withName("local")
                        .withOptions(Map.of("type", "tmpfs", "device", "tmpfs", "o", "mode=1777"))))));
    }

    private final Map<String, String> nonRootUsers = new ConcurrentHashMap<>();

    /** The image's USER when it is not root, else "". Pulls an image that is not on this machine (see {@link #pull}). */
    private String imageUser(String image) {
        InspectImageResponse inspected;
        try {
            inspected = docker.inspectImageCmd(image).exec();
        } catch (NotFoundException missing) {
            ImagePull.pull(docker, image);
            inspected = docker.inspectImageCmd(image).exec();
        }
        var config = inspected.getConfig();
        String user = config == null || config.getUser() == null ? "" : config.getUser().strip();
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return name.isEmpty() || name.equals("root") || name.equals("0") ? "" : user;
    }

    /** SIGTERM (the image's STOPSIGNAL), then SIGKILL after {@code graceSeconds}; returns once it stopped. */
    void stop(String containerId, int graceSeconds) {
        try {
            docker.stopContainerCmd(containerId).withTimeout(graceSeconds).exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // exited by itself, or removed
        }
    }

    void kill(String containerId) {
        try {
            docker.killContainerCmd(containerId).exec();
        } catch (NotFoundException | ConflictException notRunning) {
            // exited or removed already
        }
    }

    void unpauseIfPaused(String containerId) {
        try {
            docker.unpauseContainerCmd(containerId).exec();
        } catch (NotFoundException | ConflictException | InternalServerErrorException notPaused) {
            // the pause never happened, or it exited
        }
    }

    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    void pause(Replica replica) {
        docker.pauseContainerCmd(replica.containerId).exec();
    }

    void unpause(Replica replica) {
        docker.unpauseContainerCmd(replica.containerId).exec();
    }

    ContainerLines lines() {
        return lines;
    }

    /** Exit code of a stopped container; null while it runs, or when the engine does not answer (it may be restarting). */
    Integer exitCodeIfReachable(Replica replica) {
        try {
            var state = docker.inspectContainerCmd(replica.containerId).exec().getState();
            return Boolean.TRUE.equals(state.getRunning()) ? null : (state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue());
        } catch (NotFoundException e) {
            return -1;
        } catch (RuntimeException engineDown) {
            return null;
        }
    }

    /** True when the Docker engine answers a ping. */
    boolean engineAnswers() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException | ConflictException alreadyGoing) {
            // already removed, or being removed by an earlier call
        }
    }

    /** This project's containers (any state), for stopping them all when `up` ends. */
    List<Container> all(String projectDir) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT, projectDir)).exec();
    }

    /** Removes every container a devserver run for this project left behind; returns how many. */
    int removeAll(String projectDir) {
        List<Container> leftovers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, projectDir)).exec();
        PauseContainers.pausesLast(leftovers).forEach(group -> group.parallelStream().forEach(c -> remove(c.getId())));
        return leftovers.size();
    }
}
