package dev.devserver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `up --debug` refuses what it cannot debug before building anything, with a message naming the fix. */
class UpDebugOptionsTest {
    private static String[] up(Path project, String... args) throws Exception {
        Files.createDirectories(project.resolve("fn"));
        Files.writeString(project.resolve("fn/index.js"), "module.exports = (d) => d;\n");
        Files.writeString(project.resolve("serverless.yml"), "service: s\nprovider:\n  name: triggermesh\nfunctions:\n"
                + "  fn:\n    handler: index\n    source: ./fn\n    runtime: gitlab/runtimes/nodejs\n");
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLineSetup.configure(new CommandLine(new DevserverCommand()));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = "up";
        all[1] = "-f";
        all[2] = project.resolve("serverless.yml").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return new String[] {String.valueOf(cl.execute(all)), err.toString().trim()};
    }

    @Test
    void anUnknownFunctionIsNamedWithTheOnesThereAre(@TempDir Path project) throws Exception {
        String[] r = up(project, "--debug", "fn,nope");
        assertEquals("1", r[0]);
        assertEquals("--debug nope: " + project.resolve("serverless.yml") + " has no function \"nope\"; its functions are fn.", r[1]);
    }

    @Test
    void debugConfigNeedsDebug(@TempDir Path project) throws Exception {
        String[] r = up(project, "--debug-config");
        assertEquals("--debug-config prints the debuggers of --debug: add --debug FUNCTION[,FUNCTION…].", r[1]);
    }
}
