package dev.devserver.image;

import dev.devserver.project.FunctionSpec;

/** Receives build progress as it happens, one line at a time. */
public interface BuildListener {
    void line(FunctionSpec function, String line);

    BuildListener SILENT = (function, line) -> {
    };
}
