package dev.devserver.router;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNameTest {
    @Test
    void parsesNamesPortsAndIpv6Literals() {
        assertEquals(Optional.of("a.ns.localhost"), HostName.parse("A.NS.localhost:8080"));
        assertEquals(Optional.of("a.ns.localhost"), HostName.parse("a.ns.localhost."));
        assertEquals(Optional.of("[::1]"), HostName.parse("[::1]:8080"));
        assertEquals(Optional.of("[::1]"), HostName.parse("[::1]"));
        assertEquals(Optional.of("127.0.0.1"), HostName.parse("127.0.0.1:80"));
        for (String bad : new String[] {null, "", "a b", "a:b", "a:", "[::1", "[::1]x", "a..b", "-a.b", "a/b", "a:1:2", "a:123456"}) {
            assertEquals(Optional.empty(), HostName.parse(bad), String.valueOf(bad));
        }
        assertTrue(HostName.isOwn("localhost") && HostName.isOwn("127.0.0.1") && HostName.isOwn("[::1]"));
        assertFalse(HostName.isOwn("a.localhost"));
    }

    @Test
    void traceparentValidation() {
        assertTrue(TraceParent.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.isValid("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
        assertFalse(TraceParent.isValid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.isValid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
        assertTrue(TraceParent.isValid(TraceParent.create()));
    }
}
