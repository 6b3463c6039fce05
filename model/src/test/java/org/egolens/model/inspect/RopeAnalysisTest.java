package org.egolens.model.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.egolens.model.nn.Rope;
import org.egolens.model.nn.RopeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RopeAnalysisTest {
    /** EVA02-AT-B: d_h = 64, G = 14; spec §2.2 closed form. */
    @Test
    void stFrequenciesFollowTheSpec() {
        RopeAnalysis.PairFrequencies f = RopeAnalysis.frequencies(RopeMode.ST, 64, 14, 16);
        assertEquals(32, f.pairs());
        for (int m = 0; m < 32; m++) {
            double spatial = 16.0 / 14 * Math.pow(10000, -(m % 16) / 16.0);
            assertEquals(Math.pow(10000, -m / 32.0), f.time()[m], 1e-6, "time pair " + m);
            assertEquals(m < 16 ? spatial : 0, f.row()[m], 2e-6, "row pair " + m);
            assertEquals(m < 16 ? 0 : spatial, f.column()[m], 2e-6, "column pair " + m);
        }
        RopeAnalysis.PairFrequencies sp = RopeAnalysis.frequencies(RopeMode.SPATIAL, 64, 14, 16);
        for (int m = 0; m < 32; m++) {
            assertEquals(0, sp.time()[m]);
            assertEquals(f.row()[m], sp.row()[m], 0);
        }
    }

    /**
     * S(Δ) equals q·k / P for a vector whose every channel pair has unit norm, rotated by the model's own angles at two
     * positions Δ apart ({@link Rope#rotate}) — the definition of the expected similarity, for each variant.
     */
    @ParameterizedTest
    @EnumSource(RopeMode.class)
    void expectedSimilarityIsTheRotatedDotProductOfUnitPairs(RopeMode mode) {
        int hd = 32;
        int g = 4;
        RopeAnalysis.PairFrequencies f = RopeAnalysis.frequencies(mode, hd, g, 16);
        Random r = new Random(8);
        float[] x = new float[hd];
        for (int m = 0; m < hd / 2; m++) {
            double phase = 2 * Math.PI * r.nextDouble();
            x[2 * m] = (float) Math.cos(phase);
            x[2 * m + 1] = (float) Math.sin(phase);
        }
        int[][][] cases = {{{0, 0, 0}, {3, 1, 2}}, {{2, 3, 0}, {0, 1, 3}}, {{1, 1, 1}, {1, 1, 1}}};
        for (int[][] c : cases) {
            double dot = dot(Rope.rotate(x, channels(mode, hd, g, c[0])), Rope.rotate(x, channels(mode, hd, g, c[1])));
            double s = RopeAnalysis.expectedSimilarity(f, c[1][0] - c[0][0], c[1][1] - c[0][1], c[1][2] - c[0][2]);
            assertEquals(dot / (hd / 2), s, 2e-6, mode + " " + java.util.Arrays.deepToString(c));
        }
        assertEquals(1.0, RopeAnalysis.expectedSimilarity(f, 0, 0, 0), 1e-12);
    }

    @Test
    void noneIsFlatAndSpatialIgnoresTime() {
        RopeAnalysis.PairFrequencies none = RopeAnalysis.frequencies(RopeMode.NONE, 64, 14, 16);
        RopeAnalysis.PairFrequencies sp = RopeAnalysis.frequencies(RopeMode.SPATIAL, 64, 14, 16);
        double[] overTime = RopeAnalysis.similarityOverTime(sp, 15, 2, 1);
        for (int dt = 0; dt <= 15; dt++) {
            assertEquals(1.0, RopeAnalysis.expectedSimilarity(none, dt, 3, 5), 1e-12);
            assertEquals(overTime[0], overTime[dt], 1e-12);
        }
        assertTrue(overTime[0] < 0.99, "a spatial offset lowers the similarity: " + overTime[0]);
        double[] st = RopeAnalysis.similarityOverTime(RopeAnalysis.frequencies(RopeMode.ST, 64, 14, 16), 15, 0, 0);
        assertTrue(st[1] < st[0] && st[4] < st[1], "ST similarity decays with the frame offset");
    }

    /**
     * The paper's point, measured: a channel split (split3d) makes S(Δt, Δh) additive in Δt and Δh (no interaction);
     * ST-RoPE rotates every pair by a spatial plus a temporal angle, so the map does not split.
     */
    @Test
    void onlyStCouplesTimeAndSpace() {
        double[] shares = new double[RopeMode.values().length];
        for (RopeMode m : RopeMode.values()) {
            double[][] map = RopeAnalysis.similarityMap(RopeAnalysis.frequencies(m, 64, 14, 16), 15, 13, 0);
            assertEquals(31, map.length);
            assertEquals(27, map[0].length);
            assertEquals(1.0, map[15][13], 1e-12, "S(0, 0) = 1");
            assertEquals(map[15 + 3][13 - 2], map[15 - 3][13 + 2], 1e-12, "S(Δ) = S(−Δ)");
            shares[m.ordinal()] = RopeAnalysis.interactionShare(map);
        }
        assertEquals(0, shares[RopeMode.SPLIT3D.ordinal()], 1e-12);
        assertEquals(0, shares[RopeMode.SPATIAL.ordinal()], 1e-12);
        assertEquals(0, shares[RopeMode.NONE.ordinal()], 1e-12);
        assertTrue(shares[RopeMode.ST.ordinal()] > 0.05, "ST interaction share " + shares[RopeMode.ST.ordinal()]);
    }

    @Test
    void interactionShareByHand() {
        assertEquals(1.0, RopeAnalysis.interactionShare(new double[][] {{1, -1}, {-1, 1}}), 1e-12);
        assertEquals(0.0, RopeAnalysis.interactionShare(new double[][] {{1, 2, 4}, {3, 4, 6}}), 1e-12);
        assertEquals(0.0, RopeAnalysis.interactionShare(new double[][] {{5, 5}, {5, 5}}), 0);
        // {{0, 0}, {0, 4}}: grand mean 1, total Σ(S−1)² = 12; residuals ±1 everywhere: 4 → share 1/3
        assertEquals(1.0 / 3, RopeAnalysis.interactionShare(new double[][] {{0, 0}, {0, 4}}), 1e-12);
    }

    private static float[] channels(RopeMode mode, int hd, int g, int[] thw) {
        float[] p = Rope.pairAngles(mode, hd, g, 16, thw[0], thw[1], thw[2]);
        float[] c = new float[hd];
        for (int m = 0; m < p.length; m++) {
            c[2 * m] = p[m];
            c[2 * m + 1] = p[m];
        }
        return c;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
