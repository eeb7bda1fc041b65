package dev.devserver.session;

import dev.devserver.DevserverException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

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
}
