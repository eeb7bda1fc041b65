package dev.devserver.cli;

import dev.devserver.image.BuildListener;
import dev.devserver.image.BuildResult;
import dev.devserver.project.FunctionSpec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows builds in the terminal: on a terminal one status line with a spinner and each building function's
 * {@code [step 3/12]}, rewritten in place; otherwise each step as a plain line. Then one result line per function.
 */
final class BuildProgress implements BuildListener {
    private static final Pattern STEP = Pattern.compile("^Step (\\d+/\\d+)");
    private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final StatusLine out;
    private final boolean verbose;
    private final Map<String, String> steps = new ConcurrentSkipListMap<>();
    private int frame;

    BuildProgress(StatusLine out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void line(FunctionSpec function, String line) {
        boolean step = line.startsWith("Step ") || line.startsWith("preparing");
        if (verbose || (step && !out.live())) {
            out.println(Ansi.dim(function.name() + " │ build │ ") + line);
        }
        if (step && out.live()) {
            Matcher m = STEP.matcher(line);
            steps.put(function.name(), m.find() ? "[step " + m.group(1) + "]" : "[preparing]");
            redraw();
        }
    }

    @Override
    public void warning(FunctionSpec function, String warning) {
        out.println(Ansi.yellow("warning: ") + function.name() + ": " + warning);
    }

    private synchronized void redraw() {
        StringBuilder text = new StringBuilder().append(SPINNER.charAt(frame++ % SPINNER.length())).append(" building");
        steps.forEach((name, step) -> text.append("  ").append(name).append(' ').append(step));
        out.status(text.toString());
    }

    /** Prints one line per function; returns true when every build succeeded. */
    boolean report(List<BuildResult> results) {
        out.clear();
        steps.clear();
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
