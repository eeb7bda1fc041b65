package dev.devserver.session;

import dev.devserver.DevserverException;
import dev.devserver.project.Debugger;
import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Project;
import dev.devserver.router.DebugPortForward;
import dev.devserver.serving.FunctionService;
import dev.devserver.serving.Serving;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The ports one `up` listens on, chosen before anything binds them. */
final class SessionPorts {
    private SessionPorts() {
    }

    /** Port 0 means "any free port"; resolved here because the router binds one server per core on one port. */
    static int concrete(String host, int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new DevserverException("Cannot find a free port on " + host + ": " + e.getMessage());
        }
    }

    static int https(SessionOptions options, int httpPort) {
        int https = concrete(options.host(), options.tls().httpsPort());
        while (https == httpPort && options.tls().httpsPort() == 0) {
            https = concrete(options.host(), 0);
        }
        if (https == httpPort) {
            throw new DevserverException("--https-port " + https + " is the HTTP port too: give them different ports.");
        }
        return https;
    }

    /**
     * `up --debug`: a loopback port per debugged function (in serverless.yml order), forwarded to the debugger of the
     * container receiving its traffic. The ones opened are closed again when one cannot be.
     */
    static Map<String, DebugPortForward> debuggers(Vertx vertx, Project project, Set<String> debugged, Serving serving) {
        Map<String, DebugPortForward> forwards = new LinkedHashMap<>();
        try {
            for (FunctionSpec f : project.functions()) {
                if (debugged.contains(f.name())) {
                    Debugger.of(f.runtime()).ifPresent(d -> forwards.put(f.name(), DebugPortForward.open(vertx,
                            d.containerPort(), () -> serving.function(f.name()).flatMap(FunctionService::debugEndpoint))));
                }
            }
            return forwards;
        } catch (RuntimeException e) {
            forwards.values().forEach(DebugPortForward::close);
            throw new DevserverException("Cannot open a debugger port on 127.0.0.1 (" + Failures.rootMessage(e)
                    + "): stop the program using it, or debug fewer functions.");
        }
    }
}
