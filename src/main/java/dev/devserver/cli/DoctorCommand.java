package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.devserver.DevserverException;
import dev.devserver.docker.Docker;
import dev.devserver.docker.EngineKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;

@Command(name = "doctor", description = "Check what devserver needs: Docker engine, API version, disk space, router port.")
public class DoctorCommand implements Callable<Integer> {
    private static final long MIN_FREE_BYTES = 2L << 30;

    @Option(names = "--port", defaultValue = "8080", description = "Router port to check (default: ${DEFAULT-VALUE})")
    int port;

    private boolean healthy = true;

    @Override
    public Integer call() {
        try {
            Docker.Connection connection = Docker.connectWithHost();
            DockerClient docker = connection.client();
            Version version = docker.versionCmd().exec();
            Info info = docker.infoCmd().exec();
            EngineKind engine = EngineKind.of(version, info);
            check(true, engine.name() + " " + engine.version() + (engine.rootless() ? " (rootless)" : "") + " answers at "
                    + connection.host() + " (API " + version.getApiVersion() + ")");
            if (!engine.canPause()) {
                warn("rootless Podman on cgroups v" + engine.cgroupVersion() + " cannot pause containers:"
                        + " `up --freeze-after` keeps idle containers running (scale to zero still works)");
            }
            String root = info.getDockerRootDir();
            File disk = new File(root != null && new File(root).exists() ? root : "/");
            long free = disk.getUsableSpace();
            check(free >= MIN_FREE_BYTES, (free >> 20) + " MB free for images under " + disk
                    + (free >= MIN_FREE_BYTES ? "" : ": free some space (docker system prune) before building"));
        } catch (DevserverException e) {
            check(false, e.getMessage());
        }
        check(portFree(port), "port " + port + (portFree(port) ? " is free for the router"
                : " is in use: stop what uses it or run `devserver up --port <other>`"));
        return healthy ? 0 : 1;
    }

    private static void warn(String message) {
        System.out.println(Ansi.yellow("! ") + message);
    }

    private void check(boolean ok, String message) {
        healthy &= ok;
        System.out.println((ok ? Ansi.green("✔ ") : Ansi.red("✘ ")) + message);
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
