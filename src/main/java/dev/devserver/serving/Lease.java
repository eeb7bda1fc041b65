package dev.devserver.serving;

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
}
