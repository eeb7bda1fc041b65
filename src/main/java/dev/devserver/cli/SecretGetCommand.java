package dev.devserver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.DevserverException;
import dev.devserver.YamlWriter;
import dev.devserver.secrets.EnvFileFormat;
import dev.devserver.secrets.SecretStore;
import org.yaml.snakeyaml.DumperOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a secret's keys; its values only with --reveal.")
public class SecretGetCommand extends ProjectCommand {
    enum Format { text, json, yaml }

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--reveal", description = "Print the values too (as KEY=VALUE lines, or under `data` with -o)")
    boolean reveal;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or yaml (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws JsonProcessingException {
        SecretStore store = SecretCommand.store(project);
        Map<String, String> data = store.get(name).orElseThrow(() -> new DevserverException(SecretCommand.notFound(store, name)));
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(store, data)));
            case yaml -> out.print(YamlWriter.dump(document(store, data), yamlOptions()));
            case text -> out.print(reveal ? EnvFileFormat.render(data) : described(store, data));
        }
        out.flush();
        return 0;
    }

    /** Keys always; values only when revealed. */
    private Map<String, Object> document(SecretStore store, Map<String, String> data) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("namespace", store.namespace());
        doc.put("keys", List.copyOf(data.keySet()));
        if (reveal) {
            doc.put("data", data);
        }
        return doc;
    }

    /** As `kubectl describe secret`: sizes, not values. */
    private String described(SecretStore store, Map<String, String> data) {
        StringBuilder out = new StringBuilder("Name:       " + name + "\nNamespace:  " + store.namespace()
                + "\n\nData (values hidden; add --reveal to show them)\n====\n");
        data.forEach((k, v) -> out.append(k).append(":  ").append(v.getBytes(StandardCharsets.UTF_8).length).append(" bytes\n"));
        return out.toString();
    }

    private static DumperOptions yamlOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return options;
    }
}
