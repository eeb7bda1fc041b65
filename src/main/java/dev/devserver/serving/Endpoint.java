package dev.devserver.serving;

/** Where a ready container of a revision listens on this machine (its published port). */
public record Endpoint(String host, int port) {
}
