package dev.devserver.router;

import java.util.Set;

/** The Host names that address devserver itself (health, API, dev UI) rather than a function; loopback only. */
public final class OwnHosts {
    public static final Set<String> NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private OwnHosts() {
    }
}
