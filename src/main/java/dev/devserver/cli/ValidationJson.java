package dev.devserver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `validate --json`: the project, or its problems as {file, line, column, message} objects. */
final class ValidationJson {
    /** The validator's line format, FILE:LINE:COLUMN: message (reluctant: the message may contain colons). */
    private static final Pattern PROBLEM = Pattern.compile("^(.+?):(\\d+):(\\d+): (.*)$");

    private ValidationJson() {
    }

    static ObjectNode valid(Project project) {
        ObjectNode root = JsonEvents.event("validate").put("valid", true)
                .put("file", project.file() == null ? null : project.file().toString())
                .put("mode", project.mode().name()).put("service", project.service());
        ArrayNode functions = root.putArray("functions");
        for (FunctionSpec f : project.functions()) {
            functions.addObject().put("name", f.name()).put("knativeService", f.knativeService())
                    .put("host", f.host(project)).put("runtime", f.runtime());
        }
        project.notes().forEach(root.putArray("notes")::add);
        ValidateCommand.contextWarnings(project).forEach(root.putArray("warnings")::add);
        return root;
    }

    /** One object per problem line; a line that is not FILE:LINE:COLUMN continues the previous problem's message. */
    static ObjectNode invalid(DevserverException e) {
        ObjectNode root = JsonEvents.event("validate").put("valid", false).put("exitCode", e.exitCode());
        ArrayNode problems = root.putArray("problems");
        ObjectNode last = null;
        for (String line : e.getMessage().split("\n")) {
            Matcher m = PROBLEM.matcher(line);
            if (m.matches()) {
                last = problems.addObject().put("file", m.group(1)).put("line", Integer.parseInt(m.group(2)))
                        .put("column", Integer.parseInt(m.group(3))).put("message", m.group(4));
            } else if (last != null) {
                last.put("message", last.get("message").asText() + "\n" + line);
            } else {
                last = problems.addObject().putNull("file").putNull("line").putNull("column").put("message", line);
            }
        }
        return root;
    }
}
