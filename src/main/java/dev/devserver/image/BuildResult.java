package dev.devserver.image;

import dev.devserver.project.FunctionSpec;

import java.time.Duration;
import java.util.List;

/** The outcome of building one function. {@code error} is null on success; {@code logTail} helps explain a failure. */
public record BuildResult(FunctionSpec function, String image, String hash, boolean cached, Duration duration,
                          String error, List<String> logTail) {
    public boolean ok() {
        return error == null;
    }
}
