package org.egolens.model.tokenize;

/**
 * The byte-level alphabet of CLIP's BPE ({@code bytes_to_unicode} in OpenAI CLIP's {@code simple_tokenizer.py}).
 *
 * <p>Every byte value 0..255 is given a visible, non-whitespace character so that UTF-8 bytes can be handled as text by
 * the BPE merges: the printable bytes {@code '!'..'~'}, {@code '¡'..'¬'} and {@code '®'..'ÿ'} stand for themselves, the
 * other 68 bytes (controls, space, {@code 0x7F..0xA0}, soft hyphen) are moved to {@code U+0100..U+0143} in byte order.
 *
 * <p>The <em>position</em> of a byte in this alphabet (printable bytes first, then the moved ones) is its token id in
 * the CLIP vocabulary; the same position plus 256 is the id of the end-of-word variant ({@code "x</w>"}).
 */
final class ByteLevelAlphabet {
    /** Number of byte symbols (one per byte value). */
    static final int SIZE = 256;

    private static final char[] BYTE_TO_CHAR = new char[SIZE];
    private static final int[] BYTE_TO_POSITION = new int[SIZE];
    private static final char[] POSITION_TO_CHAR = new char[SIZE];
    /** Inverse of {@link #BYTE_TO_CHAR}; -1 for characters outside the alphabet. */
    private static final int[] CHAR_TO_BYTE;

    static {
        boolean[] printable = new boolean[SIZE];
        int position = 0;
        int[][] printableRanges = {{'!', '~'}, {0xA1, 0xAC}, {0xAE, 0xFF}};
        for (int[] range : printableRanges) {
            for (int b = range[0]; b <= range[1]; b++) {
                printable[b] = true;
                BYTE_TO_CHAR[b] = (char) b;
                BYTE_TO_POSITION[b] = position;
                POSITION_TO_CHAR[position++] = (char) b;
            }
        }
        int moved = 0;
        for (int b = 0; b < SIZE; b++) {
            if (!printable[b]) {
                BYTE_TO_CHAR[b] = (char) (SIZE + moved++);
                BYTE_TO_POSITION[b] = position;
                POSITION_TO_CHAR[position++] = BYTE_TO_CHAR[b];
            }
        }
        CHAR_TO_BYTE = new int[SIZE + moved];
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < SIZE; b++) {
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private ByteLevelAlphabet() {}

    /** The character that stands for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b];
    }

    /** Position of byte {@code b} (0..255) in vocabulary order, i.e. its token id without {@code </w>}. */
    static int positionOf(int b) {
        return BYTE_TO_POSITION[b];
    }

    /** The alphabet character at vocabulary position {@code p} (0..255). */
    static char charAtPosition(int p) {
        return POSITION_TO_CHAR[p];
    }

    /** The byte that character {@code c} stands for, or -1 if {@code c} is not in the alphabet. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }
}
