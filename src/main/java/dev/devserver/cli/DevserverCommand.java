package dev.devserver.cli;

import picocli.CommandLine.Command;

import java.util.List;

/** The top command; its verbs are added by {@link CommandLineSetup}: all of them, or only the one a run needs. */
@Command(name = "devserver", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Knative-in-a-box: run a GitLab Serverless project locally.")
public class DevserverCommand {
    /** In the order help lists them. */
    static final List<Class<?>> VERBS = List.of(UpCommand.class, DownCommand.class, BuildCommand.class,
            ValidateCommand.class, DoctorCommand.class, RenderCommand.class, SecretCommand.class, LogsCommand.class,
            GetCommand.class, InvokeCommand.class, InitCommand.class, CompletionCommand.class, KubeconfigCommand.class,
            PruneCommand.class, ClusterCommand.class, DeployCommand.class);
}
