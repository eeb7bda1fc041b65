package dev.devserver.render;

import java.util.Map;

/**
 * One Kubernetes object ready to print: its kind, its {@code metadata.name} and the whole object as YAML-ready maps.
 */
public record Manifest(Kind kind, String name, Map<String, Object> object) {
    public enum Kind {
        KNATIVE_SERVICE("ksvc"), SECRET("secret");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /** {@code <name>.ksvc.yaml} or {@code <name>.secret.yaml}: a Secret may share its name with a function. */
    public String fileName() {
        return name + "." + kind.suffix + ".yaml";
    }
}
