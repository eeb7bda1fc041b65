package dev.devserver.serving;

import java.time.Duration;

/** What serving reports as it happens: lines for the terminal, cold starts and pod counts for metrics. */
public interface ServingEvents {
    default void info(String function, String message) {
    }

    default void coldStart(String knativeService, String revision, Duration took) {
    }

    /** A revision's containers: actual (running) and desired by the autoscaler. */
    default void pods(String knativeService, String revision, int actual, int desired) {
    }
}
