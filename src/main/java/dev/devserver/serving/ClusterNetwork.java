package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.devserver.docker.Labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The cluster network of one project: a Docker bridge network every function container joins, whose gateway address
 * (the host's side of the bridge) is where the router's cluster listener answers on port 80; and the hosts file,
 * mounted at {@code /etc/hosts} in every container, that points each service's cluster names at that gateway. It is
 * rewritten in place as services come and go, so containers already running resolve services created later.
 * One network per project (its name derives from the project folder), so sessions of different projects never
 * compete for the same gateway address and port.
 */
final class ClusterNetwork {
    final String name;
    final String gateway;
    private final Path hostsFile;
    private final DockerClient docker;
    private volatile boolean hostsWritten;

    private ClusterNetwork(DockerClient docker, String name, String gateway, Path hostsFile) {
        this.docker = docker;
        this.name = name;
        this.gateway = gateway;
        this.hostsFile = hostsFile;
    }

    /** The project's network (a leftover of a crashed run is reused), or empty with a notice saying why calls are off. */
    static Optional<ClusterNetwork> open(DockerClient docker, Path projectDir, Consumer<String> notice) {
        String name = networkName(projectDir);
        try {
            Network network;
            try {
                network = docker.inspectNetworkCmd().withNetworkId(name).exec();
            } catch (NotFoundException absent) {
                docker.createNetworkCmd().withName(name).withDriver("bridge")
                        .withLabels(Map.of(Labels.PROJECT, projectDir.toString())).exec();
                network = docker.inspectNetworkCmd().withNetworkId(name).exec();
            }
            String gateway = network.getIpam() == null || network.getIpam().getConfig() == null ? null
                    : network.getIpam().getConfig().stream().map(Network.Ipam.Config::getGateway)
                    .filter(g -> g != null && !g.isBlank() && !g.contains(":")).findFirst().orElse(null);
            if (gateway == null) {
                notice.accept("Calls between functions are off: Docker network " + name + " has no IPv4 gateway.");
                return Optional.empty();
            }
            return Optional.of(new ClusterNetwork(docker, name, gateway, projectDir.resolve(".devserver/cluster/hosts")));
        } catch (RuntimeException e) { // no such driver, address pools used up, engine refuses
            notice.accept("Calls between functions are off: cannot create Docker network " + name + " ("
                    + e.getMessage().strip() + "). Remove unused networks with `docker network prune` and run up again.");
            return Optional.empty();
        }
    }

    static String networkName(Path projectDir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(projectDir.toString().getBytes(StandardCharsets.UTF_8));
            return "devserver-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hosts file to mount, once written (a {@code .devserver/} that cannot be written leaves names unresolved). */
    Optional<Path> hostsFile() {
        return hostsWritten ? Optional.of(hostsFile) : Optional.empty();
    }

    /**
     * Points every cluster name of {@code publicHosts} at the gateway. Written in place, never replaced: a container's
     * bind mount holds the file's inode. Readers (each lookup reads the file) see the whole new text or, for an instant,
     * a prefix of it followed by the old tail.
     */
    synchronized void hosts(Collection<String> publicHosts, ClusterNames names) {
        StringBuilder text = new StringBuilder("# devserver: the project's Knative services on the router (rewritten as they change)\n"
                + "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (String host : new TreeSet<>(publicHosts)) {
            text.append(gateway).append('\t').append(String.join(" ", names.of(host))).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(hostsFile.getParent());
            try (FileChannel file = FileChannel.open(hostsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap(bytes), 0);
                file.truncate(bytes.length);
            }
            hostsWritten = true;
        } catch (IOException e) {
            // Reported by the log folder's own check; containers then start without the names.
        }
    }

    /** Removes the network once its containers are gone. */
    void remove() {
        removeQuietly(docker, name);
    }

    /** Networks a crashed run of this project left (for `down`). */
    static void removeAll(DockerClient docker, Path projectDir) {
        List<Network> networks = docker.listNetworksCmd().withFilter("label", List.of(Labels.PROJECT + "=" + projectDir)).exec();
        networks.forEach(n -> removeQuietly(docker, n.getId()));
    }

    private static void removeQuietly(DockerClient docker, String network) {
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (RuntimeException e) {
            // gone already, or a container is still attached: the next up reuses it, `down` removes it
        }
    }
}
