package dev.devserver.observe.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file's lines from the last to the first, read backwards in blocks: a search for the newest lines looks at the
 * newest first, so the older ones can be skipped unparsed. Splitting on the byte '\n' is safe in UTF-8, whose
 * multi-byte characters never contain it; a last line without '\n' is a line too, empty lines are skipped.
 */
final class ReversedLines {
    private static final int BLOCK = 64 * 1024;

    /** A line as bytes of {@code data} in {@code [from, to)}, valid only during the call. */
    interface Sink {
        void line(byte[] data, int from, int to);
    }

    private ReversedLines() {
    }

    /** Each line to {@code each} as bytes: a reader that skips most lines need not decode them. */
    static void forEach(Path file, Sink each) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = channel.size();
            byte[] after = new byte[0]; // what precedes the first '\n' read so far: a line's end, its start earlier
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            while (position > 0) {
                int length = (int) Math.min(BLOCK, position);
                position -= length;
                block.clear().limit(length);
                while (block.hasRemaining()) {
                    if (channel.read(block, position + block.position()) < 0) {
                        throw new IOException(file + " shrank while it was read"); // the lines read so far stand
                    }
                }
                byte[] data = join(block.array(), block.position(), after);
                int lineEnd = data.length;
                for (int i = data.length - 1; i >= 0; i--) {
                    if (data[i] == '\n') {
                        emit(data, i + 1, lineEnd, each);
                        lineEnd = i;
                    }
                }
                after = Arrays.copyOf(data, lineEnd);
            }
            emit(after, 0, after.length, each);
        }
    }

    private static byte[] join(byte[] block, int length, byte[] after) {
        byte[] joined = Arrays.copyOf(block, length + after.length);
        System.arraycopy(after, 0, joined, length, after.length);
        return joined;
    }

    private static void emit(byte[] data, int from, int to, Sink each) {
        if (to > from) {
            each.line(data, from, to);
        }
    }
}
