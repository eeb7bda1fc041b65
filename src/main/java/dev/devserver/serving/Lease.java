package dev.devserver.serving;

import java.time.Duration;

/**
 * The right to send one request to one ready container of a revision.
 * The router must call {@link #release()} exactly once, when the response has ended or failed,
 * so that concurrency limits and the autoscaler see the true number of requests in flight.
 */
public interface Lease {
    Endpoint endpoint();

    /** Knative revision name, e.g. {@code functions-echo-js-00001}. */
    String revision();

    void release();

    /** The revision's container port is named {@code h2c}: speak HTTP/2 cleartext (prior knowledge) to it, as gRPC needs. */
    default boolean h2c() {
        return false;
    }

    /** The revision's {@code timeoutSeconds}; null: the router's {@code --revision-timeout}. */
    default Duration timeout() {
        return null;
    }
}
