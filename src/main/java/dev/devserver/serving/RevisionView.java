package dev.devserver.serving;

import java.time.Instant;

/**
 * A revision as the API and `get revisions` show it. {@code active}: it receives traffic; {@code generation}: the
 * configuration generation that made it (the 5-digit number of {@code <service>-00002}, also for a name given in
 * spec.template.metadata.name).
 */
public record RevisionView(String name, String knativeService, String image, Instant created, boolean ready,
                           String failure, int containers, boolean active, long generation) {
    public RevisionView(String name, String knativeService, String image, Instant created, boolean ready,
                        String failure, int containers, boolean active) {
        this(name, knativeService, image, created, ready, failure, containers, active, 0);
    }
}
