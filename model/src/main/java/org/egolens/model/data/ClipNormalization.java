package org.egolens.model.data;

/**
 * The CLIP pixel normalisation used by EVA02-CLIP, AVION ({@code --norm-style openai}) and LaViLa: per RGB channel
 * {@code (p/255 − mean) / std} on 8-bit pixels {@code p}. (AVION's constants on the 0–255 scale are these ×255.)
 */
public final class ClipNormalization {
    /** Per-channel mean, R, G, B, on [0, 1] pixels. */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** Per-channel standard deviation, R, G, B, on [0, 1] pixels. */
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private static final float[][] TABLE = new float[3][256];

    static {
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 256; p++) {
                TABLE[c][p] = (float) ((p / 255.0 - MEAN[c]) / STD[c]);
            }
        }
    }

    private ClipNormalization() {}

    /** Normalised value of 8-bit pixel {@code pixel} (0–255) in channel {@code channel} (0 = R, 1 = G, 2 = B). */
    public static float normalize(int channel, int pixel) {
        return TABLE[channel][pixel];
    }

    /** Inverse: the [0, 1] intensity of a normalised value in channel {@code channel}. */
    public static float denormalize(int channel, float value) {
        return value * STD[channel] + MEAN[channel];
    }

    /**
     * Writes the centre crop of one packed RGB24 frame into a {@code (3, T, S, S)} clip block, normalised.
     *
     * @param rgb     packed RGB of the resized frame, {@code crop.scaledWidth() × crop.scaledHeight()}
     * @param crop    the resize/crop geometry
     * @param out     destination, C order {@code (3, T, S, S)} starting at {@code offset}
     * @param offset  index of element {@code (0, 0, 0, 0)} of the clip in {@code out}
     * @param frames  T
     * @param t       frame slot to fill
     */
    static void writeCrop(byte[] rgb, ResizeCrop crop, float[] out, int offset, int frames, int t) {
        int s = crop.size();
        int plane = s * s;
        int rowBytes = crop.scaledWidth() * 3;
        for (int c = 0; c < 3; c++) {
            float[] lut = TABLE[c];
            int base = offset + (c * frames + t) * plane;
            for (int y = 0; y < s; y++) {
                int src = (crop.cropY() + y) * rowBytes + crop.cropX() * 3 + c;
                int dst = base + y * s;
                for (int x = 0; x < s; x++, src += 3) {
                    out[dst + x] = lut[rgb[src] & 0xff];
                }
            }
        }
    }
}
