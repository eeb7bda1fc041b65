package dev.devserver.image;

import dev.devserver.project.FunctionSpec;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of building one function. {@code error} is null on success; {@code logTail} helps explain a failure.
 * {@code pending} is set while {@code image} is still being committed ({@link PendingImage}), else null.
 * {@code next} is what the function's next code edit would start from ({@link LayerBase}), null when that edit
 * takes a full build or its layer commits before it serves.
 */
public record BuildResult(FunctionSpec function, String image, String hash, boolean cached, Duration duration,
                          String error, List<String> logTail, PendingImage pending, LayerBase next) {
    public BuildResult(FunctionSpec function, String image, String hash, boolean cached, Duration duration,
                       String error, List<String> logTail) {
        this(function, image, hash, cached, duration, error, logTail, null, null);
    }

    BuildResult(FunctionSpec function, String image, String hash, Duration duration, PendingImage pending) {
        this(function, image, hash, false, duration, null, List.of(), pending, null);
    }

    BuildResult withNext(LayerBase base) {
        return new BuildResult(function, image, hash, cached, duration, error, logTail, pending, base);
    }

    public boolean ok() {
        return error == null;
    }
}
