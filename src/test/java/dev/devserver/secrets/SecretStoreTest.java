package dev.devserver.secrets;

import dev.devserver.DevserverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretStoreTest {
    @TempDir
    Path project;

    private SecretStore store() {
        return new SecretStore(project, "functions-local");
    }

    @Test
    void createGetListDelete() {
        SecretStore store = store();
        store.create("my-secrets", Map.of("MY_SECRET", "imverysecure", "A", "1"));
        store.create("other.secret", Map.of());
        assertEquals(Optional.of(Map.of("MY_SECRET", "imverysecure", "A", "1")), store.get("my-secrets"));
        assertEquals(List.of(new SecretInfo("my-secrets", List.of("A", "MY_SECRET")), new SecretInfo("other.secret", List.of())),
                store.list());
        assertEquals(Map.of("A", "1", "MY_SECRET", "imverysecure"), store.lookup().apply("my-secrets"));
        assertNull(store.lookup().apply("missing"));
        assertNull(store.lookup().apply("Not_A_Name"));
        assertTrue(store.delete("my-secrets"));
        assertFalse(store.delete("my-secrets"));
        assertEquals(Optional.empty(), store.get("my-secrets"));
        assertEquals(List.of("other.secret"), store.list().stream().map(SecretInfo::name).toList());
    }

    @Test
    void createFailsLikeKubectlWhenTheSecretExistsAndReplaceOverwrites() {
        SecretStore store = store();
        store.create("my-secrets", Map.of("K", "canary-old"));
        DevserverException e = assertThrows(DevserverException.class, () -> store.create("my-secrets", Map.of("K", "canary-new")));
        assertTrue(e.getMessage().startsWith("secrets \"my-secrets\" already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("devserver secret delete my-secrets"), e.getMessage());
        assertTrue(e.getMessage().contains("--replace"), e.getMessage());
        assertFalse(e.getMessage().contains("canary"), e.getMessage());
        store.replace("my-secrets", Map.of("NEW", "v"));
        assertEquals(Map.of("NEW", "v"), store.get("my-secrets").orElseThrow());
    }

    @Test
    void namespacesAreSeparate() {
        store().create("s", Map.of("K", "a"));
        SecretStore other = new SecretStore(project, "staging");
        assertEquals(Optional.empty(), other.get("s"));
        assertTrue(other.list().isEmpty());
        assertEquals(project.resolve(".devserver/secrets/staging"), other.folder());
    }

    @Test
    void filesAre0600InFolders0700AndNoTempFileStays() throws IOException {
        SecretStore store = store();
        store.create("my-secrets", Map.of("K", "v"));
        store.replace("my-secrets", Map.of("K", "w"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve(".devserver/secrets"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.folder())));
        try (var files = Files.list(store.folder())) {
            List<Path> all = files.toList();
            assertEquals(List.of(store.folder().resolve("my-secrets")), all);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(all.get(0))));
        }
        assertEquals("*\n", Files.readString(project.resolve(".devserver/.gitignore")));
    }

    @Test
    void namesAndKeysAreValidatedAsKubernetesDoes() {
        SecretStore store = store();
        for (String bad : List.of("My-Secrets", "my_secrets", "-a", "a-", "a..b", "", "../x", "a".repeat(254))) {
            DevserverException e = assertThrows(DevserverException.class, () -> store.create(bad, Map.of()), bad);
            assertTrue(e.getMessage().contains("is invalid"), e.getMessage());
        }
        store.create("a".repeat(253), Map.of());
        store.create("a.b-c.0", Map.of());
        for (String bad : List.of("", "with space", "é", ".", "..x", "a/b", "k".repeat(254))) {
            DevserverException e = assertThrows(DevserverException.class, () -> store.create("k", Map.of(bad, "canary")), bad);
            assertFalse(e.getMessage().contains("canary"), e.getMessage());
        }
        store.create("k", Map.of("-._aZ09", "v", ".dot", "v", "k".repeat(253), "v"));
        assertThrows(DevserverException.class, () -> new SecretStore(project, "../escape"));
        assertThrows(DevserverException.class, () -> store.create("huge", Map.of("K", "x".repeat(SecretStore.MAX_BYTES))));
    }

    @Test
    void fingerprintChangesWithContentAndNeverContainsIt() {
        SecretStore store = store();
        assertEquals("", store.fingerprint("s"));
        store.create("s", Map.of("K", "imverysecure"));
        String first = store.fingerprint("s");
        assertEquals(first, store.fingerprint("s"));
        assertFalse(first.contains("imverysecure"));
        store.replace("s", Map.of("K", "imverysecure2"));
        assertNotEquals(first, store.fingerprint("s"));
        store.replace("s", Map.of("K", "imverysecure"));
        assertEquals(first, store.fingerprint("s"), "same content, same fingerprint");
    }

    @Test
    void aCorruptFileIsNamedWithoutQuotingIt() throws IOException {
        SecretStore store = store();
        Files.writeString(store.folder().resolve("bad"), "{\"K\": canary-unquoted}");
        DevserverException e = assertThrows(DevserverException.class, () -> store.get("bad"));
        assertTrue(e.getMessage().contains("bad is not a devserver secret"), e.getMessage());
        assertFalse(e.getMessage().contains("canary"), e.getMessage());
    }

    @Test
    void aSymlinkedProjectDirSharesTheStore() throws IOException {
        Path link = Files.createSymbolicLink(project.resolveSibling(project.getFileName() + "-link"), project);
        try {
            new SecretStore(link, "ns").create("s", Map.of("K", "v"));
            assertEquals(Optional.of(Map.of("K", "v")), new SecretStore(project, "ns").get("s"));
        } finally {
            Files.delete(link);
        }
    }
}
