package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.image.BuildCa;
import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImageBuilder;
import dev.devserver.image.RuntimeCatalog;
import dev.devserver.image.RuntimeSources;
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

    @Mixin
    BuildOptions build;

    @Option(names = {"-v", "--verbose"}, description = "Show every line of the Docker build output")
    boolean verbose;

    @Option(names = "--json", description = "Print one JSON object per line per function's build result instead of text")
    boolean json;

    @Override
    public Integer call() {
        Project p = project.load();
        BuildCa ca = build.buildCa();
        DockerClient docker = Docker.connect();
        RuntimeCatalog catalog = RuntimeCatalog.locate();
        ImageBuilder builder = new ImageBuilder(docker, new RuntimeSources(catalog),
                BuildOptions.offlineBases(p, docker, catalog), ca);
        if (json) {
            return new JsonEvents(System.out).builds(builder.buildAll(p, p.functions(), BuildListener.SILENT)) ? 0 : 1;
        }
        BuildProgress progress = new BuildProgress(StatusLine.forStdout(), verbose);
        List<BuildResult> results = builder.buildAll(p, p.functions(), progress);
        return progress.report(results) ? 0 : 1;
    }
}
