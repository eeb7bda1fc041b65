package dev.devserver.cli;

import dev.devserver.project.Project;
import dev.devserver.secrets.SecretStore;
import picocli.CommandLine.Command;

@Command(name = "secret", mixinStandardHelpOptions = true,
        description = "Manage the project's local secrets, as `kubectl create secret generic` does on a cluster.",
        subcommands = {SecretCreateCommand.class, SecretListCommand.class, SecretGetCommand.class, SecretDeleteCommand.class})
public class SecretCommand {
    /** Secrets live beside the project's state, per namespace: the one `up` uses with the same options. */
    static SecretStore store(ProjectOptions options) {
        Project project = options.load();
        return new SecretStore(project.dir(), project.namespace());
    }

    static String notFound(SecretStore store, String name) {
        return "secrets \"" + name + "\" not found in namespace " + store.namespace()
                + "; `devserver secret list` shows the existing ones";
    }
}
