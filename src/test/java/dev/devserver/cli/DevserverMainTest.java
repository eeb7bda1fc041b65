package dev.devserver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which verbs boot Quarkus, which verbs picocli is given, and that a run with fewer verbs fails the same way. */
class DevserverMainTest {
    @Test
    void onlyTheServingVerbsNeedTheContainer() {
        for (String verb : new String[]{"up", "cluster"}) {
            assertTrue(DevserverMain.needsContainer(DevserverMain.withoutContainer(verb), verb), verb);
        }
        for (String verb : new String[]{"validate", "render", "get", "logs", "secret", "kubeconfig", "down", "build",
                "doctor", "invoke", "init", "completion", "prune", "deploy"}) {
            assertFalse(DevserverMain.needsContainer(DevserverMain.withoutContainer(verb), verb), verb);
        }
        assertFalse(DevserverMain.needsContainer(DevserverMain.withoutContainer("--version"), "--version"));
        assertFalse(DevserverMain.needsContainer(DevserverMain.withoutContainer("up", "--no-such"), "up", "--no-such"),
                "a bad option is reported by picocli alone");
    }

    @Test
    void aVerbGetsOnlyItselfWhileHelpAndUnknownVerbsSeeThemAll() {
        assertEquals(Set.of("validate"), CommandLineSetup.forArgs(CommandLine.defaultFactory(), "validate", "-f", "x")
                .getSubcommands().keySet());
        assertEquals(Set.of(), CommandLineSetup.forArgs(CommandLine.defaultFactory(), "--version").getSubcommands().keySet());
        for (String[] args : new String[][]{{}, {"--help"}, {"validat"}, {"completion", "bash"}, {"--version", "up"}}) {
            assertEquals(DevserverCommand.VERBS.size(), CommandLineSetup.forArgs(CommandLine.defaultFactory(), args)
                    .getSubcommands().size(), String.join(" ", args));
        }
    }

    /** DevserverMain turns picocli's own java.time and java.sql converters off: such an option needs its own. */
    @Test
    void everyOptionOfAJavaTimeTypeHasItsOwnConverter() {
        List<String> missing = new ArrayList<>();
        Deque<CommandLine> commands = new ArrayDeque<>(List.of(CommandLineSetup.configure(new CommandLine(new DevserverCommand()))));
        int timeOptions = 0;
        while (!commands.isEmpty()) {
            CommandLine command = commands.pop();
            commands.addAll(command.getSubcommands().values());
            for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
                String type = arg.type().getName();
                if (type.startsWith("java.time.") || type.startsWith("java.sql.")) {
                    timeOptions++;
                    if (arg.converters().length == 0) {
                        missing.add(command.getCommandSpec().qualifiedName() + " " + arg);
                    }
                }
            }
        }
        assertTrue(timeOptions > 0, "the walk found the Duration options");
        assertEquals(List.of(), missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate --no-such-option", "secret nope", "get", "logs --since", "render -f",
            "up --port x", "validat", "--nope"})
    void badInputFailsAsWithEveryVerb(String line) {
        String[] args = line.split(" ");
        String[] all = run(CommandLineSetup.configure(new CommandLine(new DevserverCommand())), args);
        String[] some = run(CommandLineSetup.forArgs(CommandLine.defaultFactory(), args), args);
        assertEquals("1", some[0], some[1]);
        assertEquals(all[0] + "\n" + all[1], some[0] + "\n" + some[1]);
    }

    private static String[] run(CommandLine cl, String... args) {
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new String[]{String.valueOf(exit), err.toString()};
    }
}
