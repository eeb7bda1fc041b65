package dev.devserver.serving;

import java.time.Instant;

/** A revision as the API and `get revisions` show it. {@code active}: it is the one receiving traffic. */
public record RevisionView(String name, String knativeService, String image, Instant created, boolean ready,
                           String failure, int containers, boolean active) {
}
