package dev.devserver.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "devserver", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Knative-in-a-box: run a GitLab Serverless project locally.",
        subcommands = {UpCommand.class, DownCommand.class, BuildCommand.class, ValidateCommand.class, DoctorCommand.class,
                RenderCommand.class, SecretCommand.class, LogsCommand.class, GetCommand.class, InvokeCommand.class, InitCommand.class,
                CompletionCommand.class, KubeconfigCommand.class, PruneCommand.class, ClusterCommand.class,
                DeployCommand.class})
public class DevserverCommand {
}
