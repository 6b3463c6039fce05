package org.egolens.model.nn;

/** Small helpers on embedding matrices held as {@code float[rows][dim]}. */
public final class Embeddings {
    private Embeddings() {}

    /** Row-wise L2 normalisation {@code x / max(‖x‖₂, 1e-12)} (as {@code F.normalize}); returns new arrays. */
    public static float[][] l2Normalize(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (float v : x[i]) {
                s += (double) v * v;
            }
            double n = Math.max(Math.sqrt(s), 1e-12);
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) (x[i][j] / n);
            }
        }
        return out;
    }

    /**
     * {@code scale · a · bᵀ}: with L2-normalised rows and {@code scale = exp(logit_scale)} these are CLIP's
     * {@code logits_per_image} (a = images/videos, b = texts).
     *
     * @return {@code (a.length, b.length)}
     * @throws IllegalArgumentException if the row widths differ
     */
    public static float[][] scaledDot(float scale, float[][] a, float[][] b) {
        float[][] out = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i].length != b[j].length) {
                    throw new IllegalArgumentException("rows of width " + a[i].length + " and " + b[j].length);
                }
                double s = 0;
                for (int k = 0; k < a[i].length; k++) {
                    s += (double) a[i][k] * b[j][k];
                }
                out[i][j] = (float) (scale * s);
            }
        }
        return out;
    }
}
