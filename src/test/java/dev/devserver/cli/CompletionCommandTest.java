package dev.devserver.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver completion bash|zsh` and `--version` through Quarkus and picocli; bash itself checks the script. */
@QuarkusMainTest
class CompletionCommandTest {
    @Test
    void bashCompletionOffersVerbsAndTheirOptions(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("completion", "bash");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String script = r.getOutput();
        assertTrue(script.contains("complete -F _complete_devserver"), script);
        // Source it in a real bash and ask for completions as the shell would after `devserver u<TAB>` and `devserver up --p<TAB>`.
        assertEquals("up", complete(script, "devserver", "u"));
        assertTrue(complete(script, "devserver", "up", "--p").contains("--port"), script);
    }

    @Test
    void zshCompletionLoadsBashCompletionEmulationFirst(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("completion", "zsh");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getOutput().startsWith("autoload -U +X compinit && compinit"), r.getOutput());
        assertTrue(r.getOutput().contains("bashcompinit"), r.getOutput());
    }

    @Test
    void anUnknownShellIsRefusedWithTheChoices(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("completion", "fish");
        assertEquals(1, r.exitCode());
        assertTrue(r.getErrorOutput().contains("bash, zsh"), r.getErrorOutput());
    }

    @Test
    void versionNamesTheReleaseAndTheCommit(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("--version");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getOutput().matches("devserver \\d+\\.\\d+\\.\\d+\\S* \\((commit [0-9a-f]{7,} of \\d{4}-\\d\\d-\\d\\d|"
                + "built outside a git checkout: commit unknown)\\)\\s*"), r.getOutput());
    }

    private static String complete(String script, String... words) throws Exception {
        Path file = Files.createTempFile("completion", ".bash");
        Files.writeString(file, script);
        String line = String.join(" ", words);
        String bash = "source " + file + "\nCOMP_WORDS=(" + line + ")\nCOMP_CWORD=" + (words.length - 1)
                + "\nCOMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n_complete_devserver\necho \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        Files.delete(file);
        return out;
    }
}
