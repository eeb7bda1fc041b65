package dev.devserver.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devserver.DevserverException;
import dev.devserver.StateDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local twin of a namespace's Kubernetes secrets: one JSON object per secret in
 * {@code .devserver/secrets/<namespace>/<name>} (no extension: a 253-character name is already near the 255-byte limit
 * of file names), files 0600 in 0700 folders. Values never leave this class
 * except through {@link #get} and {@link #lookup}; messages name secrets and files, never values.
 */
public final class SecretStore {
    /** Kubernetes rejects secrets whose data exceeds 1 MiB; so does devserver, to behave the same when deployed. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /**
     * Secrets are read with jackson-core's parser alone: `secret list` ends before ObjectMapper's static set-up
     * (a GregorianCalendar and the CLDR locale data behind it) would pay off. The mapper only writes them.
     */
    private static final JsonFactory JSON = new JsonFactory();

    private final Path projectDir;
    private final String namespace;

    public SecretStore(Path projectDir, String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new DevserverException("namespace `" + namespace + "` is not a valid Kubernetes namespace: use at most 63"
                    + " lowercase letters, digits and `-` (check --namespace and KUBE_NAMESPACE)");
        }
        this.projectDir = realPath(projectDir);
        this.namespace = namespace;
    }

    /** The folder holding this namespace's secrets (created 0700), for a file watcher. */
    public Path folder() {
        new StateDir(projectDir).privateFolder("secrets");
        return new StateDir(projectDir).privateFolder("secrets/" + namespace);
    }

    public String namespace() {
        return namespace;
    }

    /** Fails like kubectl when the secret exists, saying how to replace it. */
    public void create(String name, Map<String, String> data) {
        SecretNames.checkName(name);
        if (Files.exists(file(name))) {
            throw new DevserverException("secrets \"" + name + "\" already exists in namespace " + namespace
                    + ". Replace it with `devserver secret create " + name + " … --replace`, or run `devserver secret delete "
                    + name + "` and create it again.");
        }
        write(name, data);
    }

    /** Creates the secret, or replaces all of its keys when it exists. */
    public void replace(String name, Map<String, String> data) {
        SecretNames.checkName(name);
        write(name, data);
    }

    /** @return false when there was no such secret */
    public boolean delete(String name) {
        SecretNames.checkName(name);
        try {
            return Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new DevserverException("Cannot delete " + file(name) + ": " + e.getMessage());
        }
    }

    /** The secret's keys and values, sorted by key. */
    public Optional<Map<String, String>> get(String name) {
        SecretNames.checkName(name);
        Path file = file(name);
        try {
            return Optional.of(parse(file, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DevserverException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Every secret of the namespace by name, with its key names. */
    public List<SecretInfo> list() {
        List<SecretInfo> out = new ArrayList<>();
        for (String name : names()) {
            get(name).ifPresent(data -> out.add(new SecretInfo(name, List.copyOf(data.keySet()))));
        }
        return out;
    }

    /** The names of the namespace's secrets, sorted, without reading them. */
    public List<String> names() {
        Path folder = namespaceFolder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(SecretNames::isName) // not the temp files, whose names start with '.'
                    .sorted().toList();
        } catch (IOException e) {
            throw new DevserverException("Cannot list " + folder + ": " + e.getMessage());
        }
    }

    /** For {@code Environment.of}: a secret's data by name, null when it does not exist (Knative's optional: true). */
    public Function<String, Map<String, String>> lookup() {
        return name -> SecretNames.isName(name) ? get(name).orElse(null) : null;
    }

    /**
     * A short digest of the secret's stored content, or "" when it does not exist; changes whenever the content does.
     * Plain SHA-256 of a low-entropy value could be brute-forced, so the digest is salted: compare fingerprints only within
     * one process, never show or store them.
     */
    public String fingerprint(String name) {
        SecretNames.checkName(name);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Salt.BYTES);
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file(name))), 0, 16);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new DevserverException("Cannot read " + file(name) + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String name, Map<String, String> data) {
        data.keySet().forEach(SecretNames::checkKey);
        data.values().forEach(Objects::requireNonNull);
        Path file = folder().resolve(name); // only writing creates (and restricts) the folders
        try {
            byte[] bytes = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(data));
            if (bytes.length > MAX_BYTES) {
                throw new DevserverException("secret \"" + name + "\" holds " + bytes.length
                        + " bytes; Kubernetes limits a secret to 1 MiB: split it into several secrets");
            }
            PrivateFiles.write(file, bytes);
        } catch (IOException e) {
            throw new DevserverException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Jackson's messages quote the text around an error, which could be a value: report the file only. */
    private static Map<String, String> parse(Path file, byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            // what ObjectMapper's readValue(bytes, TreeMap<String, String>) takes: an object of strings, null or
            // other scalars (as their text); a repeated key's last value
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            Map<String, String> data = new TreeMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!value.isScalarValue()) {
                    throw new IOException("not a string");
                }
                data.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
            return data;
        } catch (IOException | RuntimeException e) {
            throw new DevserverException(file + " is not a devserver secret (a JSON object of strings): delete it with"
                    + " `devserver secret delete` and create the secret again");
        }
    }

    /** Where a secret lives; reads need no folder (a missing one means no secret), so nothing is created here. */
    private Path file(String name) {
        return namespaceFolder().resolve(name);
    }

    private Path namespaceFolder() {
        return new StateDir(projectDir).root().resolve("secrets").resolve(namespace);
    }

    /** Session keys the store by Project.dir(), a real path; the CLI may arrive through a symlink. */
    private static Path realPath(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static final class Salt {
        static final byte[] BYTES = new byte[16];

        static {
            new SecureRandom().nextBytes(BYTES);
        }
    }
}
