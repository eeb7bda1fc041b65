package dev.devserver.serving;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.Set;

class ClusterNamesTest {
    private final ClusterNames names = new ClusterNames("shop-local", "example.com");

    @Test
    void aServiceHasItsClusterNamesAndItsPublicOne() {
        assertEquals(List.of("a-b.shop-local.svc.cluster.local", "a-b.shop-local.svc", "a-b.shop-local",
                "a-b.shop-local.example.com"), names.of("a-b.shop-local.example.com"));
        assertEquals(List.of("other.host"), names.of("other.host"));
    }

    @Test
    void clusterNamesMapToThePublicHost() {
        for (String host : List.of("a-b.shop-local.svc.cluster.local", "a-b.shop-local.svc", "a-b.shop-local")) {
            assertEquals(Optional.of("a-b.shop-local.example.com"), names.publicHost(host), host);
        }
        assertEquals(Optional.of("v2-a-b.shop-local.example.com"), names.publicHost("v2-a-b.shop-local.svc.cluster.local"), "a tag");
    }

    @Test
    void aClusterServesTheNamesOfEveryNamespaceWithServices() {
        ClusterNames cluster = new ClusterNames(Set.of("default", "team-a"), "localhost");
        assertEquals(Optional.of("hello.team-a.localhost"), cluster.publicHost("hello.team-a.svc.cluster.local"));
        assertEquals(Optional.of("hello.default.localhost"), cluster.publicHost("hello.default"));
        assertEquals(List.of("hello.team-a.svc.cluster.local", "hello.team-a.svc", "hello.team-a", "hello.team-a.localhost"),
                cluster.of("hello.team-a.localhost"));
        assertEquals(Optional.empty(), cluster.publicHost("hello.team-b.svc.cluster.local"));
    }

    @Test
    void otherNamespacesAndPublicNamesAreNoClusterNames() {
        assertEquals(Optional.empty(), names.publicHost("a-b.elsewhere.svc.cluster.local"));
        assertEquals(Optional.empty(), names.publicHost("a-b.shop-local.example.com"));
        assertEquals(Optional.empty(), names.publicHost("shop-local"));
    }
}
