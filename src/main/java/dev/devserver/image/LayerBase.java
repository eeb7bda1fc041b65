package dev.devserver.image;

import java.util.Map;

/**
 * What a function's next code edit starts from: the image its layer goes on, and the labels that layer adds. Serving
 * creates the next revision's container of it ahead of the edit, so the edit only copies its files in and starts it.
 */
public record LayerBase(String imageId, Map<String, String> labels) {
    public LayerBase {
        labels = Map.copyOf(labels);
    }
}
