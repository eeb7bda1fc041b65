package dev.devserver.cli;

import com.github.dockerjava.api.DockerClient;
import dev.devserver.image.BaseMode;
import dev.devserver.image.BuildCa;
import dev.devserver.image.RuntimeCatalog;
import dev.devserver.project.Project;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the verbs that build (`up`, `build`): which base images, and extra CAs to trust. */
public class BuildOptions {
    @Option(names = "--build-ca-file", paramLabel = "FILE", defaultValue = "${env:DEVSERVER_BUILD_CA_FILE}",
            description = "PEM file of extra CA certificates every runtime build step (npm, pip, gem, composer, go,"
                    + " curl) and the running functions trust, e.g. a TLS-inspecting proxy's CA"
                    + " (default: $DEVSERVER_BUILD_CA_FILE, else none)")
    Path buildCaFile;

    BuildCa buildCa() {
        return buildCaFile == null || buildCaFile.toString().isBlank() ? null : BuildCa.read(buildCaFile.toAbsolutePath());
    }

    /** Decides online or offline bases once, saying which and why on stderr; only when some function uses a runtime. */
    static boolean offlineBases(Project project, DockerClient docker, RuntimeCatalog catalog) {
        if (project.functions().stream().allMatch(f -> f.runtime() == null)) {
            return false;
        }
        BaseMode mode = BaseMode.decide(docker, catalog);
        System.err.println(mode.line());
        return mode.offline();
    }
}
