package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.egolens.model.data.FrameBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The RoPE variants as the model applies them: through the fused {@link Rope#cosSinWithCls} tables (the form
 * {@code EvaAttention} uses) and through whole models built with each {@code rope_mode}. Complements {@link RopeTest},
 * which checks the angle functions.
 */
class RopeVariantsTest {
    private static final int HD = 32;
    private static final int G = 4;
    private static final int T = 6;

    /**
     * For every variant the score of two patch tokens after the fused rotation depends only on their offset: shifting
     * both positions together leaves it unchanged (to 1e-5).
     */
    @ParameterizedTest
    @EnumSource(RopeMode.class)
    void fusedTablesGiveScoresThatDependOnlyOnTheOffset(RopeMode mode) {
        float[][] q = Rope.cosSinWithCls(mode, HD, T, G, 16, (float) Math.pow(HD, -0.5));
        float[][] k = Rope.cosSinWithCls(mode, HD, T, G, 16, 1f);
        Random r = new Random(3);
        float[] qv = gaussian(r);
        float[] kv = gaussian(r);
        int[][][] pairs = {{{0, 0, 0}, {2, 1, 3}}, {{3, 2, 0}, {1, 0, 1}}, {{1, 3, 3}, {4, 0, 2}}};
        int[][] shifts = {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}, {1, -1, 1}};
        for (int[][] p : pairs) {
            double base = score(q, k, qv, kv, p[0], p[1]);
            for (int[] s : shifts) {
                int[] a = add(p[0], s);
                int[] b = add(p[1], s);
                if (!inside(a) || !inside(b)) {
                    continue;
                }
                assertEquals(base, score(q, k, qv, kv, a, b), 1e-5, mode + " pair moved by " + s[0] + "," + s[1] + ","
                        + s[2]);
            }
        }
    }

    /** {@code st} with T = 1 equals {@code spatial}: same features and the same attention for one-frame clips. */
    @Test
    void stWithOneFrameIsTheSpatialModel() {
        ModelConfig tiny = ModelPresets.get("tiny").withNumFrames(1);
        FrameBatch one = ModelFactoryTest.randomClips(1, 1, 9);
        try (Eva02AtClipModel st = ModelFactory.create(tiny.withRopeMode(RopeMode.ST), "st", 4, null);
                Eva02AtClipModel sp = ModelFactory.create(tiny.withRopeMode(RopeMode.SPATIAL), "spatial", 4, null)) {
            assertArrayEquals(sp.encodeVideosRaw(one)[0], st.encodeVideosRaw(one)[0], 1e-6f);
            AttentionCapture a = st.captureAttention(one, AttentionRequest.all(), null);
            AttentionCapture b = sp.captureAttention(one, AttentionRequest.all(), null);
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(b.headMeanMatrix(l, 0), a.headMeanMatrix(l, 0), 1e-6f);
            }
        }
    }

    /** With several frames the variants are different models (the switch reaches the attention). */
    @Test
    void variantsDifferOnMultiFrameClips() {
        ModelConfig tiny = ModelPresets.get("tiny");
        FrameBatch clip = ModelFactoryTest.randomClips(1, 4, 9);
        float[][] feats = new float[RopeMode.values().length][];
        for (RopeMode m : RopeMode.values()) {
            try (Eva02AtClipModel model = ModelFactory.create(tiny.withRopeMode(m), m.jsonName(), 4, null)) {
                feats[m.ordinal()] = model.encodeVideosRaw(clip)[0];
            }
        }
        for (int i = 0; i < feats.length; i++) {
            for (int j = i + 1; j < feats.length; j++) {
                double diff = 0;
                for (int e = 0; e < feats[i].length; e++) {
                    diff = Math.max(diff, Math.abs(feats[i][e] - feats[j][e]));
                }
                assertTrue(diff > 1e-4, RopeMode.values()[i] + " vs " + RopeMode.values()[j] + ": " + diff);
            }
        }
    }

    /** The tiny head (d_h = 32, 16 pairs) splits 6 row, 6 column and 4 time pairs under {@code split3d}. */
    @Test
    void split3dBandsOfTheTinyHead() {
        float[] t0 = Rope.pairAngles(RopeMode.SPLIT3D, HD, G, 16, 0, 0, 0);
        float[] dt = Rope.pairAngles(RopeMode.SPLIT3D, HD, G, 16, 1, 0, 0);
        float[] dh = Rope.pairAngles(RopeMode.SPLIT3D, HD, G, 16, 0, 1, 0);
        float[] dw = Rope.pairAngles(RopeMode.SPLIT3D, HD, G, 16, 0, 0, 1);
        int rows = 0;
        int cols = 0;
        int time = 0;
        for (int m = 0; m < 16; m++) {
            rows += dh[m] != t0[m] ? 1 : 0;
            cols += dw[m] != t0[m] ? 1 : 0;
            time += dt[m] != t0[m] ? 1 : 0;
            assertEquals(1, (dh[m] != 0 ? 1 : 0) + (dw[m] != 0 ? 1 : 0) + (dt[m] != 0 ? 1 : 0), "pair " + m
                    + " carries exactly one axis");
        }
        assertEquals(6, rows);
        assertEquals(6, cols);
        assertEquals(4, time);
    }

    /** q·k of patch tokens a and b after the fused rotation of one head: {@code x⊙cos + pairSwap(x)⊙sinSigned}. */
    private static double score(float[][] qTab, float[][] kTab, float[] q, float[] k, int[] a, int[] b) {
        float[] qa = fused(q, qTab, row(a));
        float[] kb = fused(k, kTab, row(b));
        double s = 0;
        for (int i = 0; i < HD; i++) {
            s += (double) qa[i] * kb[i];
        }
        return s;
    }

    private static float[] fused(float[] x, float[][] tab, int row) {
        float[] y = new float[HD];
        for (int c = 0; c < HD; c++) {
            float swapped = x[c % 2 == 0 ? c + 1 : c - 1];
            y[c] = x[c] * tab[0][row * HD + c] + swapped * tab[1][row * HD + c];
        }
        return y;
    }

    /** Row of the fused table: 1 + t·G² + h·G + w (row 0 is CLS). */
    private static int row(int[] thw) {
        return 1 + (thw[0] * G + thw[1]) * G + thw[2];
    }

    private static int[] add(int[] p, int[] s) {
        return new int[] {p[0] + s[0], p[1] + s[1], p[2] + s[2]};
    }

    private static boolean inside(int[] p) {
        return p[0] >= 0 && p[0] < T && p[1] >= 0 && p[1] < G && p[2] >= 0 && p[2] < G;
    }

    private static float[] gaussian(Random r) {
        float[] v = new float[HD];
        for (int i = 0; i < HD; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
