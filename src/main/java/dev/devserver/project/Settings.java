package dev.devserver.project;
public record Settings(String namespace, String domain) {
    public static Settings defaults() { return new Settings(null, "localhost"); }
}
