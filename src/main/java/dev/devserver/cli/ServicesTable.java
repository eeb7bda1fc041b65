package dev.devserver.cli;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.serving.ServiceStatus;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;

/** The functions as GitLab's Serverless page lists them: name, URL, runtime, status; with HTTPS on, the https URL too. */
final class ServicesTable {
    private ServicesTable() {
    }

    static void print(PrintStream out, Project project, List<ServiceStatus> statuses) {
        print(out, project, statuses, -1);
    }

    /** @param httpsPort the router's HTTPS port, or -1 for none (then there is no HTTPS column) */
    static void print(PrintStream out, Project project, List<ServiceStatus> statuses, int httpsPort) {
        boolean https = httpsPort > 0;
        int urlWidth = width(statuses, false);
        String httpsColumn = https ? "%-" + (urlWidth + 1) + "s  " : "%s";
        String format = "%-" + width(statuses, true) + "s  %-" + urlWidth + "s  " + httpsColumn + "%-24s  %s%n";
        out.printf(format, "FUNCTION", "URL", https ? "HTTPS URL" : "", "RUNTIME", "STATUS");
        for (ServiceStatus s : statuses) {
            String runtime = project.function(s.function()).map(FunctionSpec::runtime).orElse(null);
            String status = s.ready() ? Ansi.green("ready") : Ansi.red("not ready: " + firstLine(s.reason()));
            out.printf(format, s.function(), s.url(), https ? httpsUrl(s.url(), httpsPort) : "",
                    runtime == null ? "Dockerfile" : runtime, status);
        }
    }

    /** The function's http URL with the https scheme and port (443 left out, as browsers show it). */
    static String httpsUrl(String httpUrl, int httpsPort) {
        String host = URI.create(httpUrl).getHost();
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort);
    }

    private static int width(List<ServiceStatus> statuses, boolean name) {
        return statuses.stream().mapToInt(s -> (name ? s.function() : s.url()).length()).max().orElse(8) + 1;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return newline < 0 ? s : s.substring(0, newline) + " (see above)";
    }
}
