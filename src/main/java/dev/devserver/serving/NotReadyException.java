package dev.devserver.serving;

/** No container of the service can take a request; the message is shown to the caller as is. */
public class NotReadyException extends RuntimeException {
    private final int status;

    public NotReadyException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** HTTP status the router should answer with (502 for a crashed or failed function, 503 for not yet ready). */
    public int status() {
        return status;
    }
}
