package dev.devserver.cli;

import dev.devserver.DevserverException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Replaces Quarkus' default CommandLine bean so every command shares the error handling and exit codes. */
@ApplicationScoped
public class CommandLineSetup {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** Also used by tests that drive picocli directly. */
    public static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler(new ErrorHandler());
        invalidInputExitsWithFailure(cl);
        return cl;
    }

    /** picocli's default for bad options is 2, which devserver reserves for "invalid project". */
    private static void invalidInputExitsWithFailure(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(DevserverException.FAILURE);
        cl.getSubcommands().values().forEach(CommandLineSetup::invalidInputExitsWithFailure);
    }
}
