package dev.devserver.image;

import dev.devserver.project.FunctionSpec;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of building one function. {@code error} is null on success; {@code logTail} helps explain a failure.
 * {@code pending} is set while {@code image} is still being committed ({@link PendingImage}), else null.
 */
public record BuildResult(FunctionSpec function, String image, String hash, boolean cached, Duration duration,
                          String error, List<String> logTail, PendingImage pending) {
    public BuildResult(FunctionSpec function, String image, String hash, boolean cached, Duration duration,
                       String error, List<String> logTail) {
        this(function, image, hash, cached, duration, error, logTail, null);
    }

    public boolean ok() {
        return error == null;
    }
}
