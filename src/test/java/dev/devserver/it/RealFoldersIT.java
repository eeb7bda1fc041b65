package dev.devserver.it;

import dev.devserver.session.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Functions as users write them, built offline: writing in HOME as the image's user (nobody), UTF-8 bodies, links and
 * host dependencies in the function folder, vendored Go modules.
 */
class RealFoldersIT {
    /** Eleven characters, thirteen bytes: a runtime reading it as ASCII or bytes counts thirteen. */
    private static final String UTF8_BODY = "héllo wörld";

    @TempDir
    static Path temp;
    static Session homes;

    @BeforeAll
    static void up() {
        homes = Sessions.start(TestProjects.copy("runtime-homes", temp));
    }

    @AfterAll
    static void down() {
        if (homes != null) {
            homes.close();
        }
    }


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "js   | written in /home/app, 11 chars",
            "rb   | written in /home/app, UTF-8 reads, 11 chars",
            "go   | written in /home/app, 11 chars",
            "py3  | 'written in /home/app, 11 chars\n'",
            "py2  | 'written in /home/app, stdout UTF-8\n'",
            "node | written in /home/app, 11 chars",
            "ruby | 'written in /home/app, UTF-8 body, 11 chars\n'",
            "php  | written in /home/app, 11 chars",
            "gocl | 'written in /home/app, 11 chars\n'",
            "cs   | written in /home/app, 11 chars",
    })
    void everyRuntimeWritesInItsHomeAndReadsUtf8(String function, String expected) {
        HttpResponse<String> response = Sessions.post(homes, function, "text/plain; charset=utf-8", UTF8_BODY);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expected.replace("\\n", "\n"), response.body());
    }

    /** A repository carrying `key -> ~/.ssh/id_rsa` and the host's node_modules, as a laptop's checkout does. */
    @Test
    void linksLeavingTheFolderAndHostModulesNeverReachTheImage(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("p"));
        Path fn = Files.createDirectories(project.resolve("fn"));
        Files.writeString(dir.resolve("id_rsa"), "PRIVATE KEY");
        Files.createSymbolicLink(fn.resolve("key"), dir.resolve("id_rsa"));
        Files.writeString(fn.resolve("greeting.txt"), "hello");
        Files.createSymbolicLink(fn.resolve("greeting-link.txt"), Path.of("greeting.txt"));
        Files.createDirectories(fn.resolve("node_modules/left-pad"));
        Files.writeString(fn.resolve("node_modules/left-pad/index.js"), "module.exports = () => 'host build';");
        Files.writeString(fn.resolve("check.js"), """
                const fs = require('fs');
                const has = (f) => { try { fs.lstatSync(__dirname + '/' + f); return true; } catch (e) { return false; } };
                module.exports = () => ({ key: has('key'), hostModules: has('node_modules'),
                  link: fs.readlinkSync(__dirname + '/greeting-link.txt'), linked: fs.readFileSync(__dirname + '/greeting-link.txt', 'utf8') });
                """);
        HttpResponse<String> response = Sessions.postOnce(project,
                "service: folders\nfunctions:\n  check:\n    handler: check\n    source: ./fn\n    runtime: gitlab/runtimes/nodejs\n",
                "check", "text/plain", "");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"key\":false,\"hostModules\":false,\"link\":\"greeting.txt\",\"linked\":\"hello\"}", response.body());
    }

    @Test
    void vendoredGoModulesBuildInBothGoRuntimes(@TempDir Path dir) {
        try (Session session = Sessions.start(TestProjects.copy("vendored-go", dir))) {
            for (String function : new String[]{"gitlab-go", "classic-go"}) {
                HttpResponse<String> response = Sessions.post(session, function, "text/plain", "GitLab");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("Hello from a vendored module, GitLab" + (function.equals("classic-go") ? "\n" : ""), response.body());
            }
        }
    }
}
