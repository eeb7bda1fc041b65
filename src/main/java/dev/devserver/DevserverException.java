package dev.devserver;

/**
 * A failure the user can act on. Its message is printed as is (no stack trace), so it must say what is
 * wrong, where (file:line:column when there is one) and how to fix it.
 */
public class DevserverException extends RuntimeException {
    /** Exit code for an invalid project (validation errors). */
    public static final int INVALID_PROJECT = 2;
    /** Exit code for any other failure. */
    public static final int FAILURE = 1;

    private final int exitCode;

    public DevserverException(String message) {
        this(FAILURE, message);
    }

    public DevserverException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
