package dev.devserver.image;

import dev.devserver.project.FunctionSpec;

/** Receives build progress as it happens, one line at a time. */
public interface BuildListener {
    void line(FunctionSpec function, String line);

    /** Something the user should see even without --verbose, such as a link the context leaves out. */
    default void warning(FunctionSpec function, String warning) {
        line(function, "warning: " + warning);
    }

    BuildListener SILENT = (function, line) -> {
    };
}
