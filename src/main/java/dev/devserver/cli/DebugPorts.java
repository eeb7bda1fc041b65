package dev.devserver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.devserver.project.Debugger;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `up --debug`'s lines beside the URLs ("echo-js: debugger (node inspector) on 127.0.0.1:9229"), and --debug-config. */
final class DebugPorts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DebugPorts() {
    }

    static void print(PrintStream out, Project project, Map<String, Integer> ports, boolean launchJson) {
        if (ports.isEmpty()) {
            return;
        }
        List<Map<String, Object>> configurations = new ArrayList<>();
        ports.forEach((function, port) -> {
            FunctionSpec f = project.function(function).orElseThrow();
            Debugger d = Debugger.of(f.runtime()).orElseThrow();
            out.println(function + ": debugger (" + d.name() + ") on 127.0.0.1:" + port
                    + (d.perRequest() ? " — each request waits for it to attach, one at a time" : ""));
            configurations.add(d.launchConfiguration(function, project.dir().relativize(f.source()), port));
        });
        if (!launchJson) {
            out.println("While debugging: one container each, never frozen or scaled to zero, no request timeout."
                    + " --debug-config prints VS Code's launch.json.");
            return;
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("version", "0.2.0");
        file.put("configurations", configurations);
        try {
            out.println("VS Code .vscode/launch.json:");
            out.println(JSON.writeValueAsString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
