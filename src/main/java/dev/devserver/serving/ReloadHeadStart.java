package dev.devserver.serving;

import java.util.List;

/**
 * What serving starts before a reload needs it: pause containers ({@link PauseContainers}) for the revisions to come,
 * so their own containers start in a network that is already there, and only for those without a container created
 * ahead ({@link AheadContainers}), which has its pause already.
 */
public final class ReloadHeadStart {
    private final PauseContainers pauses;
    private final AheadContainers ahead;

    ReloadHeadStart(PauseContainers pauses, AheadContainers ahead) {
        this.pauses = pauses;
        this.ahead = ahead;
    }

    /**
     * `up` serves and watches for edits: one pause container starts now, so the first edit's revision finds its network
     * ready, as every later one finds the one its previous reload started (starting it takes 0.3 s on Docker).
     */
    public void prepareForEdits() {
        pauses.prepare(1);
    }

    /** A reload is about to roll out new revisions of {@code functions}: their pauses start while the images build. */
    public void expectRevisions(List<String> functions) {
        pauses.prepare((int) functions.stream().filter(f -> !ahead.has(f)).count());
    }
}
