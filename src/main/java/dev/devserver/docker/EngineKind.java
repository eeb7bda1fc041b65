package dev.devserver.docker;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;

import java.util.List;

/** Which engine answers Docker's API, from its /version and /info: Docker or Podman, and what Podman cannot do. */
public record EngineKind(String name, String version, boolean podman, boolean rootless, String cgroupVersion) {
    public static EngineKind of(Version version, Info info) {
        List<VersionComponent> components = version.getComponents() == null ? List.of() : version.getComponents();
        VersionComponent podman = components.stream()
                .filter(c -> c.getName() != null && c.getName().startsWith("Podman")).findFirst().orElse(null);
        List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
        boolean rootless = security.stream().anyMatch(o -> o.contains("rootless"));
        return podman != null
                ? new EngineKind("Podman", podman.getVersion(), true, rootless, info.getCGroupVersion())
                : new EngineKind("Docker engine", version.getVersion(), false, rootless, info.getCGroupVersion());
    }

    /** Pause (devserver's optional frozen tier) needs cgroups v2 under rootless Podman. */
    public boolean canPause() {
        return !(podman && rootless && !"2".equals(cgroupVersion));
    }
}
