package dev.devserver.cli;

import dev.devserver.DevserverException;
import dev.devserver.secrets.EnvFileParser;
import dev.devserver.secrets.SecretStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a secret whose keys become environment variables of the functions that list it under `secrets:`.")
public class SecretCreateCommand extends ProjectCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Secret name, e.g. my-secrets")
    String name;

    @Option(names = "--from-literal", paramLabel = "KEY=VALUE",
            description = "A key and its value (visible in your shell history and process list; prefer --from-env)")
    List<String> literals = List.of();

    @Option(names = "--from-env-file", paramLabel = "FILE", description = "KEY=VALUE lines (.env / INI format)")
    List<Path> envFiles = List.of();

    @Option(names = "--from-env", paramLabel = "[KEY=]VAR",
            description = "Copy environment variable VAR (as key KEY, default VAR), e.g. MY_SECRET=GITLAB_SECRET_VARIABLE")
    List<String> envVars = List.of();

    @Option(names = "--replace", description = "Replace the secret if it exists")
    boolean replace;

    /** Collected rather than rejected by picocli, whose message would quote them: a stray argument may be a value. */
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        if (!unmatched.isEmpty()) {
            throw new DevserverException(unmatched.size() + " unexpected argument(s) after NAME (not shown: they may hold"
                    + " values). Usage: devserver secret create NAME --from-literal KEY=VALUE | --from-env-file FILE | --from-env VAR");
        }
        Map<String, String> data = new LinkedHashMap<>();
        envFiles.forEach(file -> EnvFileParser.parse(file).forEach((k, v) -> put(data, k, v, "--from-env-file " + file)));
        literals.forEach(literal -> put(data, keyOf(literal, "--from-literal", "KEY=VALUE"), valueOf(literal), "--from-literal"));
        envVars.forEach(arg -> put(data, arg.contains("=") ? keyOf(arg, "--from-env", "KEY=VAR") : arg, variable(arg), "--from-env"));
        SecretStore store = SecretCommand.store(project);
        if (replace) {
            store.replace(name, data);
        } else {
            store.create(name, data);
        }
        spec.commandLine().getOut().println("secret/" + name + (replace ? " replaced" : " created") + " with " + data.size()
                + " key(s) in namespace " + store.namespace());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static void put(Map<String, String> data, String key, String value, String source) {
        if (data.putIfAbsent(key, value) != null) {
            throw new DevserverException("key `" + key + "` is given twice (again by " + source + "); give each key once");
        }
    }

    /** Only the part before '=' is ever quoted: the rest is a value. */
    private static String keyOf(String arg, String option, String shape) {
        int equals = arg.indexOf('=');
        if (equals <= 0) {
            throw new DevserverException(option + " expects " + shape + (equals == 0 ? " with a non-empty KEY" : ""));
        }
        return arg.substring(0, equals);
    }

    private static String valueOf(String literal) {
        return literal.substring(literal.indexOf('=') + 1);
    }

    private static String variable(String arg) {
        String variable = arg.substring(arg.indexOf('=') + 1);
        String value = System.getenv(variable);
        if (value == null) {
            throw new DevserverException("--from-env: environment variable " + variable + " is not set; export it first"
                    + " (in GitLab CI, define it under Settings > CI/CD > Variables)");
        }
        return value;
    }
}
