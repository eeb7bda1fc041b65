package dev.devserver.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One file of a build context: its path inside the tar and where its bytes come from. */
record ContextEntry(String path, Path file, byte[] content, boolean executable) {
    static ContextEntry of(String path, Path file) {
        return new ContextEntry(path, file, null, Files.isExecutable(file));
    }

    static ContextEntry generated(String path, byte[] content) {
        return new ContextEntry(path, null, content, false);
    }

    byte[] bytes() throws IOException {
        return content != null ? content : Files.readAllBytes(file);
    }

    long size() throws IOException {
        return content != null ? content.length : Files.size(file);
    }
}
