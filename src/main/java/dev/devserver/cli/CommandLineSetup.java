package dev.devserver.cli;

import dev.devserver.DevserverException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

import java.util.List;

/** Builds devserver's command line: its verbs, the shared error handling and exit codes. */
public final class CommandLineSetup {
    private CommandLineSetup() {
    }

    /**
     * Only the verbs these arguments can reach: picocli makes every verb it is given (each one's class, options and
     * mixins, by reflection), which is most of a short command's time. Help, completion, an unknown verb and its
     * error ("did you mean …") see them all.
     */
    public static CommandLine forArgs(IFactory factory, String... args) {
        CommandLine cl = new CommandLine(DevserverCommand.class, factory);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return configure(cl, List.of());
        }
        for (Class<?> verb : DevserverCommand.VERBS) {
            if (args.length > 0 && args[0].equals(verb.getAnnotation(Command.class).name()) && verb != CompletionCommand.class) {
                return configure(cl, List.of(verb));
            }
        }
        return configure(cl);
    }

    /** Every verb; also used by tests that drive picocli directly. */
    public static CommandLine configure(CommandLine cl) {
        return configure(cl, DevserverCommand.VERBS);
    }

    private static CommandLine configure(CommandLine cl, List<Class<?>> verbs) {
        for (Class<?> verb : verbs) {
            cl.addSubcommand(verb); // made by cl's factory: Quarkus' injects what `up` and `cluster` need
        }
        cl.setExecutionExceptionHandler(new ErrorHandler());
        invalidInputExitsWithFailure(cl);
        return cl;
    }

    /** picocli's default for bad options is 2, which devserver reserves for "invalid project". */
    private static void invalidInputExitsWithFailure(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(DevserverException.FAILURE);
        for (CommandLine sub : cl.getSubcommands().values()) { // a loop, not a lambda: see bin/devserver's archive
            invalidInputExitsWithFailure(sub);
        }
    }
}
