package dev.devserver.image;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/** Build contexts as the tar stream Docker's build API reads. */
final class BuildContextTar {
    private BuildContextTar() {
    }

    /** A tar holding a single file, for contexts that are just a Dockerfile. */
    static void single(String name, byte[] content, OutputStream out) throws IOException {
        write(List.of(ContextEntry.generated(name, content)), out);
    }

    /**
     * Streams each file into the tar in 64 KiB pieces; links go in as links. A file that grew or shrank since its
     * size was taken is cut or zero-padded to that size, so the archive stays well-formed.
     */
    static void write(List<ContextEntry> entries, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (ContextEntry entry : entries) {
                if (entry.isLink()) {
                    TarArchiveEntry link = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
                    link.setLinkName(entry.linkTarget());
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                long size = entry.size();
                TarArchiveEntry file = new TarArchiveEntry(entry.path());
                file.setSize(size);
                file.setMode(entry.executable() ? 0100755 : 0100644);
                tar.putArchiveEntry(file);
                try (InputStream in = entry.open()) {
                    copyExactly(in, tar, size);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            out.write(buffer, 0, n);
            left -= n;
        }
        Arrays.fill(buffer, (byte) 0);
        while (left > 0) {
            int n2 = (int) Math.min(buffer.length, left);
            out.write(buffer, 0, n2);
            left -= n2;
        }
    }
}
