package dev.devserver.cli;

import dev.devserver.observe.Ansi;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.serving.ServiceStatus;

import java.io.PrintStream;
import java.util.List;

/** The functions as GitLab's Serverless page lists them: name, URL, runtime, status. */
final class ServicesTable {
    private ServicesTable() {
    }

    static void print(PrintStream out, Project project, List<ServiceStatus> statuses) {
        String format = "%-" + width(statuses, true) + "s  %-" + width(statuses, false) + "s  %-24s  %s%n";
        out.printf(format, "FUNCTION", "URL", "RUNTIME", "STATUS");
        for (ServiceStatus s : statuses) {
            String runtime = project.function(s.function()).map(FunctionSpec::runtime).orElse(null);
            String status = s.ready() ? Ansi.green("ready") : Ansi.red("not ready: " + firstLine(s.reason()));
            out.printf(format, s.function(), s.url(), runtime == null ? "Dockerfile" : runtime, status);
        }
    }

    private static int width(List<ServiceStatus> statuses, boolean name) {
        return statuses.stream().mapToInt(s -> (name ? s.function() : s.url()).length()).max().orElse(8) + 1;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return newline < 0 ? s : s.substring(0, newline) + " (see above)";
    }
}
