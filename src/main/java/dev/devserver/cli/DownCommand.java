package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.docker.Docker;
import dev.devserver.image.ImageCleanup;
import dev.devserver.serving.Leftovers;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "down", description = "Remove every container a previous `devserver up` of this project left behind,"
        + " and the images of its functions but the latest and the one before.")
public class DownCommand extends ProjectCommand {
    @Override
    public Integer call() {
        DockerClient docker = Docker.connect();
        int removed = Leftovers.removeAll(docker, project.projectDir());
        List<String> images = new ImageCleanup(docker).keepLatestAndPrevious(project.projectDir());
        if (removed == 0 && images.isEmpty()) {
            System.out.println("Nothing to remove.");
        }
        if (removed > 0) {
            System.out.println("Removed " + removed + " container(s).");
        }
        if (!images.isEmpty()) {
            System.out.println("Removed " + images.size() + " old image(s): " + String.join(", ", images));
        }
        return 0;
    }
}
