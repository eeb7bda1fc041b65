package dev.devserver.cli;

import dev.devserver.build.BuildResult;
import dev.devserver.build.ImageBuilder;
import dev.devserver.build.RuntimeCatalog;
import dev.devserver.build.RuntimeSources;
import dev.devserver.docker.Docker;
import dev.devserver.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "build", description = "Build every function's image (the local twin of `gitlabktl serverless build`).")
public class BuildCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = {"-v", "--verbose"}, description = "Show every line of the Docker build output")
    boolean verbose;

    @Override
    public Integer call() {
        Project p = project.load();
        ImageBuilder builder = new ImageBuilder(Docker.connect(), new RuntimeSources(RuntimeCatalog.locate()),
                ImageBuilder.offlineBasesRequested());
        BuildProgress progress = new BuildProgress(System.out, verbose);
        List<BuildResult> results = builder.buildAll(p, p.functions(), progress);
        return progress.report(results) ? 0 : 1;
    }
}
