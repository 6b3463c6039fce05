package org.egolens.model.nn;

/**
 * Rotary position embeddings of the video tower, as pure functions on Java arrays (eva02-at-spec §2.2, paper Eq. 8–10).
 *
 * <p>Conventions (those of EVA-02 {@code VisionRotaryEmbeddingFast}): a head of width d_h has P = d_h/2 channel pairs
 * (2m, 2m+1); pair m is rotated by angle θ_m: {@code (x₂ₘ, x₂ₘ₊₁) → (x₂ₘ cos θ − x₂ₘ₊₁ sin θ, x₂ₘ sin θ + x₂ₘ₊₁ cos θ)}.
 * A patch token at frame t, row h, column w of a G × G grid has spatial positions rescaled to the pretraining grid:
 * {@code h' = h · ptSeqLen / G}, {@code w' = w · ptSeqLen / G}.
 *
 * <ul>
 *   <li>{@link RopeMode#SPATIAL}: pairs m &lt; P/2 get {@code h' · 10000^(−m/(d_h/4))}, pairs m ≥ P/2 get
 *       {@code w' · 10000^(−(m − P/2)/(d_h/4))}.</li>
 *   <li>{@link RopeMode#ST}: SPATIAL plus {@code t · 10000^(−m/(d_h/2))} on every pair (the angles add).</li>
 *   <li>{@link RopeMode#SPLIT3D}: ⌊(P − P/4)/2⌋ pairs for rows, the same number (or one more) for columns, P/4 for time,
 *       each band b of n_b pairs with frequencies {@code 10000^(−j/n_b)}.</li>
 *   <li>{@link RopeMode#NONE}: all angles 0.</li>
 * </ul>
 * Arithmetic is float32 in the order of the official code (frequency, position, product, then the sum), so the ST table
 * reproduces the reference {@code rope_angles.npy} to float rounding.
 */
public final class Rope {
    private static final double THETA = 10000.0;

    private Rope() {}

    /** {@code 1 / THETA^(2j / dim)} in float32, as {@code 1. / theta ** (arange(0, dim, 2) / dim)}. */
    static float inverseFrequency(int j, int dim) {
        float e = (float) (2 * j) / (float) dim;
        float p = (float) Math.pow(THETA, e);
        return 1f / p;
    }

    /** Grid index p rescaled to the pretraining grid, float32: {@code p / G * ptSeqLen}. */
    static float scaledPosition(int p, int grid, int ptSeqLen) {
        return ((float) p / (float) grid) * (float) ptSeqLen;
    }

    /**
     * Rotation angle of every channel pair for one patch token.
     *
     * @param headDim  d_h (a multiple of 4)
     * @param grid     G, patches per side
     * @param ptSeqLen pretraining grid side the spatial positions are rescaled to (16 for EVA02-CLIP)
     * @param t        frame index 0..T−1
     * @param h        patch row 0..G−1
     * @param w        patch column 0..G−1
     * @return {@code d_h / 2} angles in radians, pair m at index m
     */
    public static float[] pairAngles(RopeMode mode, int headDim, int grid, int ptSeqLen, int t, int h, int w) {
        if (headDim % 4 != 0) {
            throw new IllegalArgumentException("head dim " + headDim + " must be a multiple of 4");
        }
        int pairs = headDim / 2;
        float[] a = new float[pairs];
        switch (mode) {
            case NONE -> {
                return a;
            }
            case SPATIAL, ST -> {
                int half = pairs / 2;
                float ph = scaledPosition(h, grid, ptSeqLen);
                float pw = scaledPosition(w, grid, ptSeqLen);
                for (int m = 0; m < pairs; m++) {
                    int k = m < half ? m : m - half;
                    a[m] = (m < half ? ph : pw) * inverseFrequency(k, pairs);
                }
                if (mode == RopeMode.ST) {
                    float pt = t;
                    for (int m = 0; m < pairs; m++) {
                        a[m] = a[m] + pt * inverseFrequency(m, headDim);
                    }
                }
            }
            case SPLIT3D -> {
                int nt = pairs / 4;
                int nh = (pairs - nt) / 2;
                int nw = pairs - nt - nh;
                float ph = scaledPosition(h, grid, ptSeqLen);
                float pw = scaledPosition(w, grid, ptSeqLen);
                for (int j = 0; j < nh; j++) {
                    a[j] = ph * inverseFrequency(j, 2 * nh);
                }
                for (int j = 0; j < nw; j++) {
                    a[nh + j] = pw * inverseFrequency(j, 2 * nw);
                }
                for (int j = 0; j < nt; j++) {
                    a[nh + nw + j] = (float) t * inverseFrequency(j, 2 * nt);
                }
            }
            default -> throw new IllegalStateException(mode.toString());
        }
        return a;
    }

    /**
     * The angle table of all patch tokens: row {@code t·G² + h·G + w} (frame-major, as the tokens), channel c holds the
     * angle of pair ⌊c/2⌋. Same layout as the reference {@code rope_angles.npy}.
     *
     * @return {@code (T·G², d_h)} row-major
     */
    public static float[] angleTable(RopeMode mode, int headDim, int numFrames, int grid, int ptSeqLen) {
        int rows = numFrames * grid * grid;
        float[] out = new float[rows * headDim];
        for (int t = 0; t < numFrames; t++) {
            for (int h = 0; h < grid; h++) {
                for (int w = 0; w < grid; w++) {
                    float[] a = pairAngles(mode, headDim, grid, ptSeqLen, t, h, w);
                    int base = ((t * grid + h) * grid + w) * headDim;
                    for (int m = 0; m < a.length; m++) {
                        out[base + 2 * m] = a[m];
                        out[base + 2 * m + 1] = a[m];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Rotates one head vector by per-channel angles (interleaved pairs; EVA's {@code rotate_half}):
     * {@code x·cos θ + rot(x)·sin θ} with {@code rot(x)₂ₘ = −x₂ₘ₊₁, rot(x)₂ₘ₊₁ = x₂ₘ}.
     *
     * @param x             d_h values
     * @param channelAngles d_h angles (pair angle repeated in both channels, as a row of {@link #angleTable})
     */
    public static float[] rotate(float[] x, float[] channelAngles) {
        if (x.length != channelAngles.length || x.length % 2 != 0) {
            throw new IllegalArgumentException("x and angles must have the same even length");
        }
        float[] y = new float[x.length];
        for (int m = 0; m < x.length / 2; m++) {
            double c0 = Math.cos(channelAngles[2 * m]);
            double s0 = Math.sin(channelAngles[2 * m]);
            double c1 = Math.cos(channelAngles[2 * m + 1]);
            double s1 = Math.sin(channelAngles[2 * m + 1]);
            y[2 * m] = (float) (x[2 * m] * c0 - x[2 * m + 1] * s0);
            y[2 * m + 1] = (float) (x[2 * m + 1] * c1 + x[2 * m] * s1);
        }
        return y;
    }

    /**
     * Tables for the fused rotation {@code x' = scale · (x ⊙ cos + pairSwap(x) ⊙ sinSigned)} over the whole token sequence
     * including CLS, where {@code pairSwap(x)₂ₘ = x₂ₘ₊₁, pairSwap(x)₂ₘ₊₁ = x₂ₘ}. Row 0 (CLS) has cos = 1, sin = 0 (no
     * rotation); rows 1.. follow {@link #angleTable}. {@code sinSigned} carries −sin in even channels, +sin in odd ones.
     *
     * @param scale multiplies both tables (pass {@code d_h^−1/2} for q to fold the attention scaling in, 1 for k)
     * @return {@code {cos, sinSigned}}, each {@code (1 + T·G², d_h)} row-major
     */
    public static float[][] cosSinWithCls(RopeMode mode, int headDim, int numFrames, int grid, int ptSeqLen, float scale) {
        float[] ang = angleTable(mode, headDim, numFrames, grid, ptSeqLen);
        int n = ang.length / headDim;
        float[] cos = new float[(n + 1) * headDim];
        float[] sin = new float[(n + 1) * headDim];
        for (int c = 0; c < headDim; c++) {
            cos[c] = scale;
        }
        for (int i = 0; i < ang.length; i++) {
            double a = ang[i];
            int c = i % headDim;
            cos[headDim + i] = (float) Math.cos(a) * scale;
            float s = (float) Math.sin(a) * scale;
            sin[headDim + i] = c % 2 == 0 ? -s : s;
        }
        return new float[][] {cos, sin};
    }
}
