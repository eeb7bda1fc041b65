package dev.devserver.project;
import java.nio.file.Path;
import java.util.*;
public record FunctionSpec(String name, String knativeService, String handler, Path source, String runtime, String description,
        Map<String, String> envs, List<String> secrets, Map<String, String> annotations, Map<String, String> labels,
        Integer concurrency, int line) {
    public String imageName() { return knativeService; }
    public String host(Project p) { return knativeService + "." + p.namespace() + "." + p.domain(); }
    public String url(Project p, int port) { return "http://" + host(p) + (port == 80 ? "" : ":" + port); }
}
