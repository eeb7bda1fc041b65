package dev.devserver.serving;

/** Receives what function containers print, line by line (implemented by the observe stage). */
public interface ContainerOutput {
    void line(String function, String revision, boolean stderr, String text);
}
