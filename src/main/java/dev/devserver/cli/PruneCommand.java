package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.DevserverException;
import dev.devserver.RunningUp;
import dev.devserver.docker.Docker;
import dev.devserver.image.ImageCleanup;
import dev.devserver.serving.Leftovers;
import picocli.CommandLine.Command;

import java.util.Locale;

@Command(name = "prune", description = "Remove everything devserver built for this project: its containers and"
        + " every image of its functions (the offline base images, shared by all projects, stay).")
public class PruneCommand extends ProjectCommand {
    @Override
    public Integer call() {
        RunningUp.find(project.projectDir(), System.err::println).ifPresent(up -> {
            throw new DevserverException("devserver up is running for this project (pid " + up.pid()
                    + "); stop it (Ctrl-C) before pruning what it serves.");
        });
        DockerClient docker = Docker.connect();
        int containers = Leftovers.removeAll(docker, project.projectDir());
        ImageCleanup.Pruned images = new ImageCleanup(docker).pruneAll(project.projectDir());
        System.out.printf(Locale.ROOT, "Removed %d container(s) and %d image(s); freed %s.%n", containers,
                images.removed(), size(images.bytes()));
        if (images.inUse() > 0) {
            System.out.println(images.inUse() + " image(s) stay: a container outside devserver uses them.");
        }
        return 0;
    }

    static String size(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
