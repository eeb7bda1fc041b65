package dev.devserver.it;

import dev.devserver.cli.CommandLineSetup;
import dev.devserver.cli.DevserverCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devserver get ksvc` and `get revisions` in the project folder, against a real running `up`. */
class GetCommandIT {
    @RegisterExtension
    static final RunningUp UP = new RunningUp("gitlab-example");

    private static String get(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLineSetup.configure(new CommandLine(new DevserverCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        // -f: the project's folder stands for "run in the project folder": its namespace is used.
        System.arraycopy(new String[] {"--port", String.valueOf(UP.session().port()), "-f", UP.session().project().dir().toString()},
                0, all, args.length, 4);
        assertEquals(0, cl.execute(all), err.toString());
        return out.toString();
    }

    @Test
    void getKsvcShowsTheRunningFunction() {
        String[] lines = get("get", "ksvc").split("\n");
        String url = "http://functions-echo-js." + UP.session().project().namespace() + ".localhost:" + UP.session().port();
        assertEquals(2, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("NAME +URL +LATESTCREATED +LATESTREADY +READY +REASON"), lines[0]);
        assertTrue(lines[1].matches("functions-echo-js +" + url.replace(".", "\\.")
                + " +functions-echo-js-00001 +functions-echo-js-00001 +True"), lines[1]);
    }

    @Test
    void getRevisionsAndYaml() {
        String revisions = get("get", "revisions");
        assertTrue(revisions.split("\n")[1].matches("functions-echo-js-00001 +functions-echo-js +1 +True +1"), revisions);
        String yaml = get("get", "services", "functions-echo-js", "-o", "yaml");
        assertTrue(yaml.contains("kind: Service"), yaml);
        assertTrue(yaml.contains("Description: |-\n") || yaml.contains("Description: \"GitLab"), yaml);
        assertTrue(yaml.contains("latestReadyRevisionName: functions-echo-js-00001"), yaml);
    }
}
