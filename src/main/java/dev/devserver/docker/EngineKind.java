package dev.devserver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** Which engine answers Docker's API, from its /version and /info: Docker or Podman, and what Podman cannot do. */
public record EngineKind(String name, String version, boolean podman, boolean rootless, String cgroupVersion) {
    /** Engines already asked, by client: a client talks to one engine, and its kind does not change under it. */
    private static final Map<DockerClient, EngineKind> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    /** Asks the engine (/version and /info) once per client; the stages that need to know share the answer. */
    public static EngineKind of(DockerClient docker) {
        EngineKind known = KNOWN.get(docker);
        if (known == null) {
            known = of(docker.versionCmd().exec(), docker.infoCmd().exec());
            KNOWN.put(docker, known);
        }
        return known;
    }

    public static EngineKind of(Version version, Info info) {
        List<VersionComponent> components = version.getComponents() == null ? List.of() : version.getComponents();
        VersionComponent podman = components.stream()
                .filter(c -> c.getName() != null && c.getName().startsWith("Podman")).findFirst().orElse(null);
        List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
        // Docker lists "name=rootless"; Podman 4.3 says so only in an /info field docker-java does not read, but keeps a
        // rootless user's images in their home (~/.local/share/containers/storage), a rootful one's under /var/lib.
        String root = info.getDockerRootDir() == null ? "" : info.getDockerRootDir();
        boolean rootless = security.stream().anyMatch(o -> o.contains("rootless"))
                || podman != null && !root.isEmpty() && !root.startsWith("/var/lib/");
        return podman != null
                ? new EngineKind("Podman", podman.getVersion(), true, rootless, info.getCGroupVersion())
                : new EngineKind("Docker engine", version.getVersion(), false, rootless, info.getCGroupVersion());
    }

    /**
     * Podman 4.3 rootless with runc cannot execute {@code --init}'s /run/podman-init as an image's non-root USER
     * ("stat /run/podman-init: permission denied"), so containers run without it there: PID 1 is the function's own
     * server, which devserver's runtimes make handle SIGTERM.
     */
    public boolean canInit() {
        return !(podman && rootless);
    }

    /**
     * Rootless Podman's networks live in a namespace of their own: a container's bridge address means nothing on the
     * host, or worse, another network's container (rootful Podman uses the same 10.89.0.0/24).
     */
    public boolean bridgeIsHosts() {
        return !(podman && rootless);
    }

    /** Pause (devserver's optional frozen tier) needs cgroups v2 under rootless Podman. */
    public boolean canPause() {
        return !(podman && rootless && !"2".equals(cgroupVersion));
    }
}
