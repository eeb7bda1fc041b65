package dev.devserver.api.kube;

import dev.devserver.DevserverException;
import dev.devserver.StateDir;
import dev.devserver.secrets.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The project's bearer token for its Kubernetes API, {@code .devserver/kube/token} (0600 in a 0700 folder): made once
 * and kept, so a kubeconfig written to ~/.kube stays valid across runs of `up`. Delete the file to revoke it.
 */
public final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    public static ApiToken forProject(Path projectDir) {
        Path file = new StateDir(projectDir).privateFolder("kube").resolve("token");
        try {
            return new ApiToken(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                PrivateFiles.write(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException written) {
                throw new DevserverException("Cannot write " + file + ": " + written.getMessage());
            }
            return new ApiToken(token);
        } catch (IOException e) {
            throw new DevserverException("Cannot read " + file + ": " + e.getMessage() + ". Delete it to make a new token.");
        }
    }

    /** The project's token if one was made (by a running or earlier `up`); never creates one. */
    public static Optional<String> read(Path projectDir) {
        try {
            return Optional.of(Files.readString(new StateDir(projectDir).root().resolve("kube/token"),
                    StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String value() {
        return value;
    }

    /** Constant-time, so the comparison leaks nothing about how much of a guess was right. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, value.getBytes(StandardCharsets.US_ASCII));
    }
}
