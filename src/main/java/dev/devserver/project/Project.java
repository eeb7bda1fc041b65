package dev.devserver.project;
import java.nio.file.Path;
import java.util.*;
public record Project(Path dir, Path file, Mode mode, String service, String description, String namespace, String domain,
        String registry, Map<String, String> envs, List<String> secrets, Map<String, String> annotations,
        List<FunctionSpec> functions, List<String> notes) {
    public Optional<FunctionSpec> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
