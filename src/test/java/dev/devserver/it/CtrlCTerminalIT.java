package dev.devserver.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's first command on a machine where no engine runs, typed into a real terminal (tmux): bin/devserver starts
 * dockerd (a private one, see {@link PrivateEngine}), serves the project, and Ctrl-C stops devserver (which removes
 * its containers) but not the engine, because dockerd runs in a session of its own.
 */
class CtrlCTerminalIT {
    @TempDir
    Path temp;

    @Test
    void ctrlCStopsDevserverButNotTheEngineItStarted() throws Exception {
        Path project = TestProjects.copy("perl-app", temp).toRealPath();
        String tmux = "tmux -L devserver-ctrlc-" + ProcessHandle.current().pid();
        try (PrivateEngine engine = new PrivateEngine(Files.createDirectories(temp.resolve("engine")))) {
            engine.seedWithDebianBases();
            assertEquals(-1, engine.pid(), "the private engine must not run before the test");
            int port = DevserverProcess.freePort();
            PrivateEngine.sh(tmux + " new-session -d -x 200 -y 50 'bash --norc --noprofile'");
            StringBuilder exports = new StringBuilder("export DEVSERVER_OFFLINE_BASES=1");
            engine.environment().forEach((k, v) -> exports.append(' ').append(k).append("='").append(v).append('\''));
            // The echo is typed split ("exit""ed") so that the screen shows "devserver exited" only once it ran.
            type(tmux, exports + "; cd " + project + " && " + Engine.CHECKOUT.resolve("bin/devserver")
                    + " up --no-watch --port " + port + "; echo \"devserver exit\"\"ed: $?\"");
            String screen = await(tmux, s -> s.contains("Press Ctrl-C") || s.contains("devserver exited"), 600);
            assertTrue(screen.contains("Press Ctrl-C"), screen);
            assertTrue(screen.contains("starting dockerd in the background"), screen);
            assertEquals(200, Http.get(port, "perl-app.perl-app-local.localhost", "/").statusCode());

            long dockerd = engine.pid();
            assertTrue(dockerd > 0, "bin/devserver did not start dockerd:\n" + screen);
            long shell = Long.parseLong(PrivateEngine.sh(tmux + " display -p '#{pane_pid}'").trim());
            assertNotEquals(session(shell), session(dockerd), "dockerd shares the terminal's session");

            PrivateEngine.sh(tmux + " send-keys C-c");
            screen = await(tmux, s -> s.contains("devserver exited"), 120);
            assertTrue(engine.answers(), "Ctrl-C stopped the engine too:\n" + screen);
            assertEquals(dockerd, engine.pid());
            assertEquals("", engine.docker("ps -aq --filter label=dev.devserver.project=" + project).trim(),
                    "devserver left containers behind:\n" + screen);
        } finally {
            PrivateEngine.sh(tmux + " kill-server 2>/dev/null || true");
        }
    }

    private static void type(String tmux, String line) throws Exception {
        new ProcessBuilder("bash", "-c", tmux + " send-keys -l \"$0\" && " + tmux + " send-keys Enter", line)
                .inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String await(String tmux, Predicate<String> done, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = PrivateEngine.sh(tmux + " capture-pane -p -J -S -500");
            if (done.test(screen)) {
                return screen;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out; the terminal shows:\n" + screen);
    }

    /** The session id (field 6 of /proc/PID/stat). */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
