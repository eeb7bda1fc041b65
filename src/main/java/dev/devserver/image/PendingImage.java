package dev.devserver.image;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A code edit's image while the engine still commits it: its base, and the layer that makes the image from that base
 * (the changed files as a tar, unpacked at {@code destination}). A container of the base that receives the layer
 * before it ever starts, with {@code labels} added, holds exactly the files and configuration a container of the
 * finished image would. Serving starts the revision's first container that way while the commit runs; the revision
 * is ready only once {@code committed} completes (with the image id), so every later container, a roll-back and
 * `docker run` get the complete image.
 */
public record PendingImage(String baseImageId, String destination, Map<String, String> labels, byte[] layer,
                           CompletableFuture<String> committed) {
    public InputStream layerTar() {
        return new ByteArrayInputStream(layer);
    }
}
