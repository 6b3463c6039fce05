package org.egolens.model.eval.run;

import java.util.stream.IntStream;
import org.egolens.model.eval.DenseMatrix;

/** Cosine similarity matrices of unit embeddings: {@code S = A·Bᵀ}. */
public final class Similarity {
    private static final int ROWS_PER_TASK = 16;
    private Similarity() {}

    /**
     * {@code S[i][j] = a_i · b_j} (the cosine, since the rows are L2-normalised), float32, rows in parallel.
     *
     * @param a {@code (N, D)} unit rows
     * @param b {@code (M, D)} unit rows
     * @return {@code (N, M)} float32
     * @throws IllegalArgumentException if a row's dimension differs from the first row of {@code a}
     */
    public static DenseMatrix cosine(float[][] a, float[][] b) {
        int n = a.length;
        int m = b.length;
        int d = n > 0 ? a[0].length : m > 0 ? b[0].length : 0;
        for (int i = 0; i < n; i++) {
            check(a[i], d, "left", i);
        }
        for (int j = 0; j < m; j++) {
            check(b[j], d, "right", j);
        }
        float[] out = new float[Math.multiplyExact(n, m)];
        // B transposed to (D, M): the inner loop then runs over candidates j without a reduction, which the JIT
        // vectorises; each S[i][j] still sums its D products in order k = 0 … D−1, as a plain dot product would.
        float[] bt = new float[Math.multiplyExact(d, m)];
        for (int j = 0; j < m; j++) {
            float[] y = b[j];
            for (int k = 0; k < d; k++) {
                bt[k * m + j] = y[k];
            }
        }
        int blocks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int end = Math.min(n, (blk + 1) * ROWS_PER_TASK);
            for (int i = blk * ROWS_PER_TASK; i < end; i++) {
                float[] x = a[i];
                int base = i * m;
                for (int k = 0; k < d; k++) {
                    float xk = x[k];
                    int col = k * m;
                    for (int j = 0; j < m; j++) {
                        out[base + j] += xk * bt[col + j];
                    }
                }
            }
        });
        return DenseMatrix.ofFloats(n, m, out);
    }

    private static void check(float[] v, int d, String side, int row) {
        if (v.length != d) {
            throw new IllegalArgumentException(side + " row " + row + " has dimension " + v.length + ", expected " + d);
        }
    }
}
