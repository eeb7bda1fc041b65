package dev.devserver;

/** Searching raw bytes, for readers that look at a few bytes of much they never decode. */
public final class Bytes {
    private Bytes() {
    }

    /** Where {@code wanted} first starts in {@code data[from, to)}, or -1. */
    public static int indexOf(byte[] data, int from, int to, byte[] wanted) {
        outer:
        for (int i = from; i <= to - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
