package dev.devserver.cli;

import dev.devserver.docker.Docker;
import dev.devserver.serving.Leftovers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "down", description = "Remove every container a previous `devserver up` of this project left behind.")
public class DownCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        int removed = Leftovers.removeAll(Docker.connect(), project.projectDir());
        System.out.println(removed == 0 ? "Nothing to remove." : "Removed " + removed + " container(s).");
        return 0;
    }
}
