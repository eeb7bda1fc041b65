package dev.devserver.cli;

import dev.devserver.DevserverException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Users see a message, never a stack trace: DevserverException text as is, anything else as one line. */
public class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof DevserverException d) {
            cmd.getErr().println(d.getMessage());
            cmd.getErr().flush();
            return d.exitCode();
        }
        cmd.getErr().println("internal error: " + ex + " (set DEVSERVER_DEBUG=1 for details, and please report it)");
        if (System.getenv("DEVSERVER_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return DevserverException.FAILURE;
    }
}
