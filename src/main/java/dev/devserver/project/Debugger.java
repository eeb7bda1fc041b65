package dev.devserver.project;

import dev.devserver.DevserverException;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The debugger a runtime's container runs under {@code up --debug}: what listens on which container port, the
 * environment or command that turns it on, the build arguments of a debug build (Go: none for the other runtimes,
 * whose image stays the same), and the VS Code launch.json entry that attaches to it.
 *
 * @param name          shown beside the port ("node inspector")
 * @param containerPort where it listens inside the container (published to loopback through devserver)
 * @param env           added to the function's environment; it wins over the project's
 * @param perRequest    an OpenFaaS classic runtime forks a process per request: each one waits for the debugger
 *                      before it runs, so one request at a time is let through (containerConcurrency 1)
 * @param remoteRoot    where the function's folder is in the image, for the editor's path mapping
 * @param command       the container's command under the debugger (Kubernetes' command), null for the image's
 * @param buildArgs     the image is built with these (a separate image: its content hash includes them)
 */
public record Debugger(String name, int containerPort, Map<String, String> env, boolean perRequest, String remoteRoot,
                       List<String> command, Map<String, String> buildArgs) {
    /**
     * The classic watchdog while debugging: no timeouts (a request paused at a breakpoint must not become a 408/502),
     * and stderr to the container log, not into the response, where the debugger's own messages would land.
     */
    private static final Map<String, String> WATCHDOG = Map.of("read_timeout", "0", "write_timeout", "0",
            "exec_timeout", "0", "combine_output", "false");

    public Debugger {
        env = Immutable.map(env);
        command = command == null ? null : List.copyOf(command);
        buildArgs = Immutable.map(buildArgs);
    }

    /** A debugger switched on by the container's environment alone: the same image, the image's command. */
    Debugger(String name, int containerPort, Map<String, String> env, boolean perRequest, String remoteRoot) {
        this(name, containerPort, env, perRequest, remoteRoot, null, Map.of());
    }

    /** The runtimes that have a debugger, by alias. */
    public static final List<String> RUNTIMES = List.of("gitlab/runtimes/nodejs", "openfaas/classic/node",
            "openfaas/classic/python3", "gitlab/runtimes/ruby", "gitlab/runtimes/go", "openfaas/classic/go",
            "openfaas/classic/ruby");

    public static Optional<Debugger> of(String runtime) {
        if (runtime == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (runtime) {
            // One long-lived server: the inspector listens from the start; attach at any time.
            case "gitlab/runtimes/nodejs" -> new Debugger("node inspector", 9229,
                    Map.of("NODE_OPTIONS", "--inspect=0.0.0.0:9229"), false, "/app/function");
            // Each request's `node index.js` stops before its first line until a debugger attaches and resumes.
            case "openfaas/classic/node" -> new Debugger("node inspector, per request", 9229,
                    with(WATCHDOG, "NODE_OPTIONS", "--inspect-brk=0.0.0.0:9229"), true, "/home/app/function");
            // Each request's process waits for the debugger (debugpy --wait-for-client), then runs the handler.
            case "openfaas/classic/python3" -> new Debugger("debugpy, per request", 5678,
                    with(with(WATCHDOG, "PYDEVD_DISABLE_FILE_VALIDATION", "1"), "fprocess",
                            "python3 -m debugpy --listen 0.0.0.0:5678 --wait-for-client index.py"),
                    true, "/home/app/function");
            // One long-lived server: the debug gem (bundled with Ruby since 3.1) listens from the start, without stopping.
            case "gitlab/runtimes/ruby" -> new Debugger("ruby debug, rdbg", 12345, Map.of("RUBYOPT", "-rdebug/open_nonstop",
                    "RUBY_DEBUG_HOST", "0.0.0.0", "RUBY_DEBUG_PORT", "12345"), false, "/app/function");
            // One long-lived server started by Delve (headless, running at once); its DAP and JSON-RPC clients attach
            // and leave at any time. The image is a debug build: no optimisation, full paths, dlv beside the server.
            case "gitlab/runtimes/go" -> new Debugger("delve", 2345, Map.of(), false, "/src/function",
                    List.of("dlv", "exec", "/usr/bin/function-server", "--headless", "--listen=:2345",
                            "--accept-multiclient", "--continue", "--api-version=2", "--log-dest=2"),
                    Map.of("DEBUG", "1"));
            // Each request's handler starts halted under Delve and runs once a client attached (configurationDone);
            // Delve leaves with it. Its "listening" line goes to stderr, not into the response.
            case "openfaas/classic/go" -> new Debugger("delve, per request", 2345, with(WATCHDOG, "fprocess",
                    "dlv exec ./handler --headless --listen=:2345 --api-version=2 --log-dest=2"), true,
                    "/go/src/handler/function", null, Map.of("DEBUG", "1"));
            // Each request's `ruby index.rb` stops before its first line until a client attaches and continues.
            case "openfaas/classic/ruby" -> new Debugger("ruby debug, rdbg, per request", 12345, with(WATCHDOG,
                    Map.of("RUBYOPT", "-rdebug/open", "RUBY_DEBUG_HOST", "0.0.0.0", "RUBY_DEBUG_PORT", "12345")), true,
                    "/home/app/function");
            default -> null;
        });
    }

    /**
     * The functions named by {@code up --debug a,b}, checked: each must exist and have a runtime with a debugger.
     * The message names the fix.
     */
    public static Set<String> select(Project project, List<String> names) {
        Set<String> selected = new LinkedHashSet<>();
        for (String name : names) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            FunctionSpec f = project.function(n).orElseThrow(() -> new DevserverException("--debug " + n + ": "
                    + project.file() + " has no function \"" + n + "\"; its functions are "
                    + String.join(", ", project.functions().stream().map(FunctionSpec::name).toList()) + "."));
            if (of(f.runtime()).isEmpty()) {
                throw new DevserverException("--debug " + n + ": devserver has no debugger for "
                        + (f.runtime() == null ? "a function built from its own Dockerfile" : "runtime " + f.runtime())
                        + " yet; it debugs " + String.join(", ", RUNTIMES) + ". Leave " + n + " out of --debug.");
            }
            selected.add(n);
        }
        return selected;
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.putAll(more);
        return env;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put(key, value);
        return env;
    }

    /** VS Code's launch.json entry attaching to {@code port} for the function whose code is at {@code localRoot}. */
    public Map<String, Object> launchConfiguration(String function, Path localRoot, int port) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "devserver: " + function);
        entry.put("request", "attach");
        String local = "${workspaceFolder}/" + localRoot.toString().replace('\\', '/');
        if (name.startsWith("node")) {
            entry.put("type", "node");
            entry.put("address", "127.0.0.1");
            entry.put("port", port);
            entry.put("localRoot", local);
            entry.put("remoteRoot", remoteRoot);
            if (perRequest) { // re-attach to each request's process, and run past the stop at its first line
                entry.put("restart", true);
                entry.put("continueOnAttach", true);
            }
        } else if (name.startsWith("delve")) { // the Go extension's remote attach
            entry.put("type", "go");
            entry.put("mode", "remote");
            entry.put("host", "127.0.0.1");
            entry.put("port", port);
            entry.put("substitutePath", List.of(Map.of("from", local, "to", remoteRoot)));
        } else if (name.startsWith("ruby")) {
            entry.put("type", "rdbg");
            entry.put("debugPort", "127.0.0.1:" + port);
            entry.put("localfsMap", remoteRoot + ":" + local);
        } else {
            entry.put("type", "debugpy");
            entry.put("connect", Map.of("host", "127.0.0.1", "port", port));
            entry.put("pathMappings", List.of(Map.of("localRoot", local, "remoteRoot", remoteRoot)));
            entry.put("justMyCode", true);
        }
        return entry;
    }
}
