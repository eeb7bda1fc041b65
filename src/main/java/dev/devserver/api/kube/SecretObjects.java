package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.StateDir;
import dev.devserver.secrets.PrivateFiles;
import dev.devserver.secrets.SecretStore;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Secrets as Kubernetes objects over the project's secret store: the keys and values are the store's (so a secret
 * written here is the one `devserver secret` shows, and `up` rolls out the functions using it); the rest of the object
 * (labels, annotations such as kubectl's last-applied configuration, which holds values too, type, creation time)
 * lives beside it in {@code .devserver/kube/secrets/<namespace>/<name>}, 0600 in 0700 folders.
 */
final class SecretObjects {
    private final SecretStore store;
    private final Path projectDir;

    SecretObjects(Path projectDir, String namespace) {
        this.projectDir = projectDir;
        this.store = new SecretStore(projectDir, namespace);
    }

    String namespace() {
        return store.namespace();
    }

    List<ObjectNode> list() {
        return store.names().stream().map(this::get).flatMap(Optional::stream).map(KubeJson::tree).toList();
    }

    Optional<Secret> get(String name) {
        return store.get(name).map(data -> {
            Secret secret = readMeta(name).orElseGet(() -> new SecretBuilder().withNewMetadata()
                    .withCreationTimestamp(KnativeObjects.timestamp(modified(name))).endMetadata().withType("Opaque").build());
            secret.setApiVersion("v1");
            secret.setKind("Secret");
            ObjectMeta meta = secret.getMetadata();
            meta.setName(name);
            meta.setNamespace(store.namespace());
            meta.setUid(KnativeObjects.uid("Secret", store.namespace(), name));
            Map<String, String> encoded = new TreeMap<>();
            data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            secret.setData(encoded);
            secret.setStringData(null);
            meta.setResourceVersion(null);
            meta.setResourceVersion(KubeJson.contentVersion(KubeJson.tree(secret)));
            return secret;
        });
    }

    /** Stores the secret's keys (already decoded) and its metadata; the caller has validated it. */
    void put(Secret secret, Map<String, String> values) {
        String name = secret.getMetadata().getName();
        Secret meta = new SecretBuilder().withNewMetadata()
                .withLabels(secret.getMetadata().getLabels()).withAnnotations(secret.getMetadata().getAnnotations())
                .withManagedFields(secret.getMetadata().getManagedFields())
                .withCreationTimestamp(get(name).map(s -> s.getMetadata().getCreationTimestamp())
                        .orElse(KnativeObjects.timestamp(Instant.now())))
                .endMetadata().withType(secret.getType() == null ? "Opaque" : secret.getType())
                .withImmutable(secret.getImmutable()).build();
        Path file = metaFile(name);
        try {
            PrivateFiles.write(file, KubeJson.MAPPER.writeValueAsBytes(meta));
        } catch (IOException e) {
            throw new DevserverException("Cannot write " + file + ": " + e.getMessage());
        }
        store.replace(name, values);
    }

    boolean delete(String name) {
        try {
            Files.deleteIfExists(metaFile(name));
        } catch (IOException e) {
            throw new DevserverException("Cannot delete " + metaFile(name) + ": " + e.getMessage());
        }
        return store.delete(name);
    }

    private Optional<Secret> readMeta(String name) {
        Path file = new StateDir(projectDir).root().resolve("kube/secrets").resolve(store.namespace()).resolve(name);
        try {
            return Optional.of(KubeJson.MAPPER.readValue(Files.readAllBytes(file), Secret.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable metadata: the secret's keys are what matters
        }
    }

    /** A secret made with `devserver secret` has no metadata file: it was created when its store file was written. */
    private Instant modified(String name) {
        try {
            return Files.getLastModifiedTime(new StateDir(projectDir).root().resolve("secrets").resolve(store.namespace())
                    .resolve(name)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private Path metaFile(String name) {
        new StateDir(projectDir).privateFolder("kube");
        new StateDir(projectDir).privateFolder("kube/secrets");
        return new StateDir(projectDir).privateFolder("kube/secrets/" + store.namespace()).resolve(name);
    }
}
