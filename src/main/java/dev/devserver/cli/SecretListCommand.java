package dev.devserver.cli;

import dev.devserver.secrets.SecretInfo;
import dev.devserver.secrets.SecretStore;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List the namespace's secrets and their key names (never their values).")
public class SecretListCommand extends ProjectCommand {
    @Override
    public Integer call() {
        SecretStore store = SecretCommand.store(project);
        List<SecretInfo> secrets = store.list();
        PrintWriter out = spec.commandLine().getOut();
        if (secrets.isEmpty()) {
            out.println("No secrets in namespace " + store.namespace()
                    + ". Create one with `devserver secret create NAME --from-literal KEY=VALUE`.");
        } else {
            int width = secrets.stream().mapToInt(s -> s.name().length()).max().orElse(4) + 2;
            out.printf("%-" + width + "s%s%n", "NAME", "KEYS");
            secrets.forEach(s -> out.printf("%-" + width + "s%s%n", s.name(), String.join(",", s.keys())));
        }
        out.flush();
        return 0;
    }
}
