package dev.devserver.manifests;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.devserver.DevserverException;
import dev.devserver.StateDir;
import dev.devserver.secrets.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Knative Services applied through the Kubernetes API, kept in {@code .devserver/services/<namespace>/<name>.json}
 * (0600: env values may be secret) so the next `up` serves them again, with their revisions. A file that cannot be
 * read is skipped and named, never deleted.
 */
final class ServiceStore {
    static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT);
    private final StateDir state;
    private final String namespace;

    ServiceStore(Path projectDir, String namespace) {
        this.state = new StateDir(projectDir);
        this.namespace = namespace;
    }

    private Path folder() {
        return state.root().resolve("services").resolve(namespace);
    }

    private Path file(String name) {
        return folder().resolve(name + ".json");
    }

    void put(AppliedService service) {
        state.privateFolder("services");
        Path target = state.privateFolder("services/" + namespace).resolve(service.name() + ".json");
        try {
            PrivateFiles.write(target, JSON.writeValueAsBytes(service));
        } catch (IOException e) {
            throw new DevserverException("Cannot save Knative Service " + service.name() + " to " + target + ": "
                    + e.getMessage() + ". Make .devserver/ writable and apply it again.");
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new DevserverException("Cannot delete " + file(name) + ": " + e.getMessage());
        }
    }

    /** Every stored service; {@code problems} hears of each file that cannot be read. */
    List<AppliedService> all(Consumer<String> problems) {
        List<AppliedService> out = new ArrayList<>();
        if (!Files.isDirectory(folder())) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                read(f, problems).ifPresent(out::add);
            }
        } catch (IOException e) {
            problems.accept("Cannot read " + folder() + ": " + e.getMessage() + "; its Knative Services are not served.");
        }
        return out;
    }

    private Optional<AppliedService> read(Path file, Consumer<String> problems) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), AppliedService.class));
        } catch (IOException e) {
            problems.accept("Cannot read the Knative Service kept in " + file + " (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); it is not served. Apply it again with kubectl, or delete the file.");
            return Optional.empty();
        }
    }
}
