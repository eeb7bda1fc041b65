package dev.devserver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.net.ServerSocket;

/** `devserver invoke`'s errors that need no running up (InvokeIT calls a real one). */
class InvokeCommandTest {
    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLineSetup.configure(new CommandLine(new DevserverCommand()));
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new String[] {String.valueOf(exit), err.toString().trim()};
    }

    @Test
    void noRunningUpSaysHowToStartOne(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("serverless.yml"), "service: s\n");
        String[] r = run("invoke", "hello", "--project", project.toString());
        assertEquals("1", r[0]);
        assertEquals("No `devserver up` is running for " + project + " (no live record in .devserver/up.json):"
                + " start it with `devserver up` in that folder, or give the router port of a running one with --port.", r[1]);
    }

    @Test
    void nothingOnTheGivenPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] r = run("invoke", "hello", "--port", String.valueOf(port));
        assertEquals("1", r[0]);
        assertEquals("Nothing answers on port " + port + ": start `devserver up`, or give the port it printed with --port.", r[1]);
    }

    @Test
    void missingFileAndBadHeader(@TempDir Path dir) {
        String[] missing = run("invoke", "hello", "--port", "1", "--file", dir.resolve("none.json").toString());
        assertEquals("Cannot read " + dir.resolve("none.json") + ": no such file. Check the path given to --file.", missing[1]);
        String[] header = run("invoke", "hello", "--port", "1", "-H", "NoColon");
        assertEquals("Header \"NoColon\" has no name before a colon: write -H 'Name: value'.", header[1]);
    }
}
