package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.secrets.SecretStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a secret.")
public class SecretDeleteCommand extends ProjectCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        SecretStore store = SecretCommand.store(project);
        if (!store.delete(name)) {
            throw new DevserverException(SecretCommand.notFound(store, name));
        }
        spec.commandLine().getOut().println("secret \"" + name + "\" deleted from namespace " + store.namespace());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
