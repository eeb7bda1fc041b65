package dev.devserver.project;

import dev.devserver.DevserverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which functions `up --debug` may debug, and the VS Code entries it prints. */
class DebuggerTest {
    private static Project project(Path dir) throws Exception {
        for (String f : List.of("js", "php")) {
            Files.createDirectories(dir.resolve(f));
        }
        Files.writeString(dir.resolve("js/index.js"), "module.exports = (d) => d;\n");
        Files.writeString(dir.resolve("php/Handler.php"), "<?php\n");
        Files.writeString(dir.resolve("serverless.yml"), """
                service: s
                provider:
                  name: triggermesh
                functions:
                  js:
                    handler: index
                    source: ./js
                    runtime: gitlab/runtimes/nodejs
                  php:
                    source: ./php
                    runtime: openfaas/classic/php7
                """);
        return ProjectLoader.load(dir, Settings.defaults());
    }

    @Test
    void unknownFunctionsAndRuntimesWithoutADebuggerAreRefusedNamingTheFix(@TempDir Path dir) throws Exception {
        Project p = project(dir);
        assertEquals(Set.of("js"), Debugger.select(p, List.of("js", " ")));
        assertEquals("--debug nope: " + p.file() + " has no function \"nope\"; its functions are js, php.",
                assertThrows(DevserverException.class, () -> Debugger.select(p, List.of("nope"))).getMessage());
        assertEquals("--debug php: devserver has no debugger for runtime openfaas/classic/php7 yet; it debugs "
                        + String.join(", ", Debugger.RUNTIMES) + ". Leave php out of --debug.",
                assertThrows(DevserverException.class, () -> Debugger.select(p, List.of("js", "php"))).getMessage());
    }

    @Test
    void launchConfigurationsMapTheFunctionsFolder() {
        Map<String, Object> node = Debugger.of("gitlab/runtimes/nodejs").orElseThrow()
                .launchConfiguration("echo-js", Path.of("echo-js"), 9230);
        assertEquals(Map.of("name", "devserver: echo-js", "request", "attach", "type", "node", "address", "127.0.0.1",
                "port", 9230, "localRoot", "${workspaceFolder}/echo-js", "remoteRoot", "/app/function"), node);
        Map<String, Object> py = Debugger.of("openfaas/classic/python3").orElseThrow()
                .launchConfiguration("hello", Path.of("fns/hello"), 5678);
        assertEquals("debugpy", py.get("type"));
        assertEquals(Map.of("host", "127.0.0.1", "port", 5678), py.get("connect"));
        assertEquals(List.of(Map.of("localRoot", "${workspaceFolder}/fns/hello", "remoteRoot", "/home/app/function")),
                py.get("pathMappings"));
        assertEquals("/app/function:${workspaceFolder}/r", Debugger.of("gitlab/runtimes/ruby").orElseThrow()
                .launchConfiguration("r", Path.of("r"), 12345).get("localfsMap"));
        Map<String, Object> go = Debugger.of("gitlab/runtimes/go").orElseThrow()
                .launchConfiguration("echo-go", Path.of("echo-go"), 2345);
        assertEquals(Map.of("name", "devserver: echo-go", "request", "attach", "type", "go", "mode", "remote",
                "host", "127.0.0.1", "port", 2345, "substitutePath",
                List.of(Map.of("from", "${workspaceFolder}/echo-go", "to", "/src/function"))), go);
    }
}
