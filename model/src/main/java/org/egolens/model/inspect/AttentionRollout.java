package org.egolens.model.inspect;

import java.util.List;

/**
 * Attention rollout (Abnar &amp; Zuidema, "Quantifying Attention Flow in Transformers", ACL 2020): the residual
 * connection is accounted for by {@code Â_l = ½·Ā_l + ½·I}, where {@code Ā_l} is the head-mean attention matrix of
 * layer l (rows sum to 1, so rows of Â_l do too), and the flow from the input tokens to layer L's outputs is
 * {@code R_L = Â_L · Â_{L−1} ⋯ Â_0}. Row q of R_L says how much of token q's representation after layer L comes from each
 * input token; it sums to 1.
 *
 * <p>Matrices are {@code (N, N)} row-major float arrays, row = query token. Sums are in double.
 */
public final class AttentionRollout {
    private AttentionRollout() {}

    /**
     * Row {@code query} of {@code R_layer}, computed right to left as a row vector ({@code O(layer·N²)}):
     * {@code v ← e_q; for l = layer … 0: v ← ½·v·Ā_l + ½·v}.
     *
     * @param headMeans Ā_0 … Ā_{L−1}, each {@code N·N}
     * @param tokens    N
     * @param query     q, 0..N−1
     * @param layer     L, 0..layers−1 (0: just Â_0)
     * @return N values summing to 1
     * @throws IllegalArgumentException for an index out of range or a matrix of the wrong size
     */
    public static float[] row(List<float[]> headMeans, int tokens, int query, int layer) {
        check(headMeans, tokens, layer);
        return row((l, i) -> java.util.Arrays.copyOfRange(headMeans.get(l), i * tokens, (i + 1) * tokens), tokens, query,
                layer);
    }

    /** Row i of the head-mean matrix of layer l, {@code (N)}. */
    @FunctionalInterface
    public interface HeadMeanRows {
        /** Row {@code i} of Ā_l. */
        float[] row(int layer, int i);
    }

    /**
     * {@link #row(List, int, int, int)} reading the matrices row by row (no copy of whole matrices).
     *
     * @throws IllegalArgumentException for an index out of range
     */
    public static float[] row(HeadMeanRows headMeans, int tokens, int query, int layer) {
        if (layer < 0) {
            throw new IllegalArgumentException("layer " + layer + " < 0");
        }
        if (query < 0 || query >= tokens) {
            throw new IllegalArgumentException("query " + query + " outside 0.." + (tokens - 1));
        }
        double[] v = new double[tokens];
        v[query] = 1;
        double[] next = new double[tokens];
        for (int l = layer; l >= 0; l--) {
            for (int j = 0; j < tokens; j++) {
                next[j] = 0.5 * v[j];
            }
            for (int i = 0; i < tokens; i++) {
                double vi = 0.5 * v[i];
                if (vi == 0) {
                    continue;
                }
                float[] a = headMeans.row(l, i);
                for (int j = 0; j < tokens; j++) {
                    next[j] += vi * a[j];
                }
            }
            double[] t = v;
            v = next;
            next = t;
        }
        float[] out = new float[tokens];
        for (int j = 0; j < tokens; j++) {
            out[j] = (float) v[j];
        }
        return out;
    }

    /**
     * The whole matrix {@code R_layer}, computed left to right ({@code R ← Â_l · R}, {@code O(layer·N³)}); for small N
     * and for checking {@link #row}.
     *
     * @return {@code N·N} row-major
     */
    public static double[] matrix(List<float[]> headMeans, int tokens, int layer) {
        check(headMeans, tokens, layer);
        int n = tokens;
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            r[i * n + i] = 1;
        }
        for (int l = 0; l <= layer; l++) {
            float[] a = headMeans.get(l);
            double[] next = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double w = 0.5 * a[i * n + k] + (i == k ? 0.5 : 0);
                    if (w == 0) {
                        continue;
                    }
                    for (int j = 0; j < n; j++) {
                        next[i * n + j] += w * r[k * n + j];
                    }
                }
            }
            r = next;
        }
        return r;
    }

    private static void check(List<float[]> headMeans, int tokens, int layer) {
        if (layer < 0 || layer >= headMeans.size()) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (headMeans.size() - 1));
        }
        for (int l = 0; l <= layer; l++) {
            if (headMeans.get(l).length != (long) tokens * tokens) {
                throw new IllegalArgumentException("head-mean matrix of layer " + l + " has " + headMeans.get(l).length
                        + " values, expected " + tokens + " x " + tokens);
            }
        }
    }
}
