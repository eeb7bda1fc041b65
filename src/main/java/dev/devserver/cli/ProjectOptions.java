package dev.devserver.cli;

import dev.devserver.project.Project;
import dev.devserver.project.ProjectDiscovery;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Options every project-reading verb shares: which serverless.yml, and the namespace and domain of its URLs. */
public class ProjectOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "serverless.yml to use (default: the nearest serverless.yml in this folder or above,"
                    + " else the nearest Dockerfile for an application)")
    Path file;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Knative namespace of the URLs (default: $KUBE_NAMESPACE or <project-dir>-local)")
    String namespace;

    @Option(names = "--domain", paramLabel = "DOMAIN", defaultValue = "localhost",
            description = "Domain of the URLs (default: ${DEFAULT-VALUE})")
    String domain;

    Project load() {
        return load(givenNamespace(namespace));
    }

    /** The namespace `up` serves the project in (--namespace aside): where `devserver secret` keeps its secrets. */
    String localNamespace() {
        return load(givenNamespace(null)).namespace();
    }

    private Project load(String ns) {
        return ProjectLoader.load(target(), new Settings(ns, domain));
    }

    /**
     * --namespace, else $KUBE_NAMESPACE (as GitLab's CI sets it), else null: the project's own {@code <dir>-local}.
     * The one place a verb reads KUBE_NAMESPACE.
     */
    String givenNamespace() {
        return givenNamespace(namespace);
    }

    private static String givenNamespace(String option) {
        String ns = option != null ? option : System.getenv("KUBE_NAMESPACE");
        return ns == null || ns.isBlank() ? null : ns;
    }

    /** The project directory, even when its serverless.yml is broken (for `down`). */
    Path projectDir() {
        Path target = target();
        return (target.toFile().isDirectory() ? target : target.getParent()).toAbsolutePath().normalize();
    }

    private Path target() {
        return file != null ? file.toAbsolutePath() : ProjectDiscovery.find(Paths.get(""));
    }
}
