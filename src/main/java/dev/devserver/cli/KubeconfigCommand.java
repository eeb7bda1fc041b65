package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.RunningUp;
import dev.devserver.api.kube.ApiToken;
import dev.devserver.api.kube.Kubeconfig;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code devserver kubeconfig}: prints a kubeconfig for the project's running `up`, for kubectl and other clients. */
@Command(name = "kubeconfig", description = {"Print a kubeconfig for the running `devserver up` of this project (or `devserver cluster` of this folder): "
        + "KUBECONFIG=<(devserver kubeconfig) kubectl get ksvc",
        // gcloud's kubectl is a dispatcher that reads the kubeconfig before the kubectl it runs reads it again: a pipe
        // is empty the second time (kubernetes/kubectl#1759)
        "With Google Cloud SDK's kubectl (a dispatcher, `kubectl version` says so), which reads the kubeconfig once"
        + " more before kubectl does, use a file: devserver kubeconfig > ~/.kube/devserver.yaml"})
public class KubeconfigCommand extends ProjectCommand {
    @Override
    public Integer call() {
        Path here = Path.of("").toAbsolutePath().normalize();
        boolean clusterHere = project.file == null && RunningUp.find(here, ignored -> { }).isPresent();
        Path dir = clusterHere ? here : project.projectDir(); // a `devserver cluster` in this folder, else the project's up
        RunningUp up = RunningUp.find(dir, spec.commandLine().getErr()::println).orElseThrow(() -> new DevserverException(
                "No `devserver up` is running for " + dir + ": start one there first (the kubeconfig points at it)."));
        Path ca = Path.of(up.apiCa());
        byte[] caPem;
        try {
            caPem = Files.readAllBytes(ca);
        } catch (IOException e) {
            throw new DevserverException("Cannot read the local CA " + ca + ": " + e.getMessage()
                    + ". Restart `devserver up` to make it again.");
        }
        spec.commandLine().getOut().print(Kubeconfig.yaml(up, ApiToken.forProject(dir), caPem));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
