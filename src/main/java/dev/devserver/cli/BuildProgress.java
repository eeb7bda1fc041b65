package dev.devserver.cli;

import dev.devserver.build.BuildListener;
import dev.devserver.build.BuildResult;
import dev.devserver.observe.Ansi;
import dev.devserver.project.FunctionSpec;

import java.io.PrintStream;
import java.util.List;

/** Shows builds in the terminal: each function's current step as it happens, then one result line per function. */
final class BuildProgress implements BuildListener {
    private final PrintStream out;
    private final boolean verbose;

    BuildProgress(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void line(FunctionSpec function, String line) {
        if (verbose || line.startsWith("Step ") || line.startsWith("preparing")) {
            out.println(Ansi.dim(function.name() + " │ build │ ") + line);
        }
    }

    /** Prints one line per function; returns true when every build succeeded. */
    boolean report(List<BuildResult> results) {
        boolean allOk = true;
        for (BuildResult r : results) {
            String name = r.function().name();
            long ms = r.duration().toMillis();
            if (r.ok()) {
                out.println(Ansi.green("✔ ") + name + ": " + r.image() + (r.cached() ? " (unchanged, not rebuilt)" : " built in " + ms + " ms"));
            } else {
                allOk = false;
                out.println(Ansi.red("✘ ") + name + ": build failed: " + r.error());
                r.logTail().forEach(l -> out.println("    " + l));
            }
        }
        return allOk;
    }
}
