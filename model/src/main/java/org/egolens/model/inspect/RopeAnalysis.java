package org.egolens.model.inspect;

import org.egolens.model.nn.Rope;
import org.egolens.model.nn.RopeMode;

/**
 * What each RoPE variant does to q·k, from the model's own angle function {@link Rope#pairAngles} (paper §III-B and
 * Fig. 3; eva02-at-spec §2).
 *
 * <p><b>Frequencies.</b> Every variant rotates channel pair m by an angle linear in the position,
 * {@code θ_m(t, h, w) = t·ω^t_m + h·ω^h_m + w·ω^w_m} (h, w in grid steps; the rescale to the pretraining grid,
 * {@code ptSeqLen / G}, is folded into ω^h and ω^w). The three frequencies of a pair are read off the angle function by
 * unit steps along each axis. Under {@code st} every pair has a temporal frequency and one spatial one; under
 * {@code split3d} each pair has exactly one; under {@code spatial} the temporal ones are 0; under {@code none} all are 0.
 *
 * <p><b>Expected similarity.</b> For a head vector x whose P = d_h/2 channel pairs carry equal expected energy and
 * independent, uniformly distributed phases, put the same x as query at position p and as key at p + Δ. Rotating pair m by
 * θ_m(p) and θ_m(p + Δ) turns its contribution to the dot product into {@code |x_m|² cos θ_m(Δ)}, so
 * <pre>  S(Δ) = E[R(p)x · R(p+Δ)x] / E[|x|²] = (1/P) Σ_m cos(Δt·ω^t_m + Δh·ω^h_m + Δw·ω^w_m)</pre>
 * S(0) = 1, and S does not depend on p (RoPE is relative). It is the q·k a token keeps with itself as it is moved; how fast
 * it falls with Δ, and whether a spatial offset changes how it falls with Δt, is what the paper contrasts.
 *
 * <p><b>Coupling.</b> On a Δt × Δh map S(i, j), {@link #interactionShare} is the part of the variance that no additive
 * model {@code f(Δt) + g(Δh)} explains. A channel split ({@code split3d}) gives a sum of a Δt term and a Δh term, share 0;
 * {@code st} rotates each pair by the sum of a spatial and a temporal angle, whose cosine does not split, share &gt; 0.
 */
public final class RopeAnalysis {
    private RopeAnalysis() {}

    /**
     * Per-pair rotation frequencies of one variant, radians per step.
     *
     * @param mode   the variant
     * @param time   ω^t_m, per frame
     * @param row    ω^h_m, per patch row
     * @param column ω^w_m, per patch column
     */
    public record PairFrequencies(RopeMode mode, double[] time, double[] row, double[] column) {
        /** Copies the arrays. @throws IllegalArgumentException if their lengths differ */
        public PairFrequencies {
            if (time.length != row.length || row.length != column.length) {
                throw new IllegalArgumentException("frequency arrays of different lengths");
            }
            time = time.clone();
            row = row.clone();
            column = column.clone();
        }

        /** P, channel pairs per head. */
        public int pairs() {
            return time.length;
        }

        /** Copy of ω^t. */
        @Override
        public double[] time() {
            return time.clone();
        }

        /** Copy of ω^h. */
        @Override
        public double[] row() {
            return row.clone();
        }

        /** Copy of ω^w. */
        @Override
        public double[] column() {
            return column.clone();
        }
    }

    /**
     * The frequencies of a variant for a head width and grid.
     *
     * @param headDim  d_h (multiple of 4)
     * @param grid     G, patches per side
     * @param ptSeqLen pretraining grid side (16 for EVA02-CLIP)
     */
    public static PairFrequencies frequencies(RopeMode mode, int headDim, int grid, int ptSeqLen) {
        float[] o = Rope.pairAngles(mode, headDim, grid, ptSeqLen, 0, 0, 0);
        float[] t = Rope.pairAngles(mode, headDim, grid, ptSeqLen, 1, 0, 0);
        float[] h = Rope.pairAngles(mode, headDim, grid, ptSeqLen, 0, 1, 0);
        float[] w = Rope.pairAngles(mode, headDim, grid, ptSeqLen, 0, 0, 1);
        int p = o.length;
        double[] ft = new double[p];
        double[] fh = new double[p];
        double[] fw = new double[p];
        for (int m = 0; m < p; m++) {
            ft[m] = (double) t[m] - o[m];
            fh[m] = (double) h[m] - o[m];
            fw[m] = (double) w[m] - o[m];
        }
        return new PairFrequencies(mode, ft, fh, fw);
    }

    /** S(Δ) of the class comment for offsets in frames (Δt) and patches (Δh, Δw). */
    public static double expectedSimilarity(PairFrequencies f, double dt, double dh, double dw) {
        double s = 0;
        for (int m = 0; m < f.pairs(); m++) {
            s += Math.cos(dt * f.time[m] + dh * f.row[m] + dw * f.column[m]);
        }
        return s / f.pairs();
    }

    /** S(Δt, Δh, Δw) for Δt = 0 … maxDt at fixed Δh, Δw. */
    public static double[] similarityOverTime(PairFrequencies f, int maxDt, double dh, double dw) {
        if (maxDt < 0) {
            throw new IllegalArgumentException("maxDt must be >= 0, got " + maxDt);
        }
        double[] s = new double[maxDt + 1];
        for (int dt = 0; dt <= maxDt; dt++) {
            s[dt] = expectedSimilarity(f, dt, dh, dw);
        }
        return s;
    }

    /**
     * The Δt × Δh map at fixed Δw: entry {@code [i][j]} is S(Δt = i − maxDt, Δh = j − maxDh, Δw).
     *
     * @return {@code (2·maxDt + 1) × (2·maxDh + 1)}
     */
    public static double[][] similarityMap(PairFrequencies f, int maxDt, int maxDh, double dw) {
        if (maxDt < 0 || maxDh < 0) {
            throw new IllegalArgumentException("map ranges must be >= 0, got " + maxDt + ", " + maxDh);
        }
        double[][] s = new double[2 * maxDt + 1][2 * maxDh + 1];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s[i].length; j++) {
                s[i][j] = expectedSimilarity(f, i - maxDt, j - maxDh, dw);
            }
        }
        return s;
    }

    /**
     * The share of a map's variance that an additive model {@code r_i + c_j} (row effect plus column effect, fitted by
     * least squares: row means + column means − grand mean) leaves unexplained: {@code Σ e² / Σ (S − mean)²}, 0 for a
     * constant map.
     *
     * @throws IllegalArgumentException for an empty or ragged map
     */
    public static double interactionShare(double[][] map) {
        int rows = map.length;
        if (rows == 0 || map[0].length == 0) {
            throw new IllegalArgumentException("empty map");
        }
        int cols = map[0].length;
        double[] rowMean = new double[rows];
        double[] colMean = new double[cols];
        double grand = 0;
        for (int i = 0; i < rows; i++) {
            if (map[i].length != cols) {
                throw new IllegalArgumentException("ragged map: row " + i + " has " + map[i].length + " values, row 0 "
                        + cols);
            }
            for (int j = 0; j < cols; j++) {
                rowMean[i] += map[i][j] / cols;
                colMean[j] += map[i][j] / rows;
                grand += map[i][j] / ((double) rows * cols);
            }
        }
        double residual = 0;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = map[i][j] - rowMean[i] - colMean[j] + grand;
                residual += e * e;
                total += (map[i][j] - grand) * (map[i][j] - grand);
            }
        }
        return total > 1e-24 ? residual / total : 0;
    }
}
