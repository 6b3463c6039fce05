package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.egolens.model.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ST-RoPE and the other modes (eva02-at-spec §2.2). */
class RopeTest {

    /** The reference table (64, 32) for T = 4, G = 4, d_h = 32, pretraining grid 16. */
    @Test
    void stAngleTableMatchesReference() throws IOException {
        Npy.Array ref = Golden.npy("rope_angles.npy");
        Golden.assertShape(ref, 64, 32);
        float[] mine = Rope.angleTable(RopeMode.ST, 32, 4, 4, 16);
        Golden.assertClose("rope_angles", ref.toFloats(), mine, 1e-5);
    }

    /** Spec §7 step 4 closed form, in double, for d_h = 64 and G = 14 (EVA02-AT-B at 224 px). */
    @Test
    void stMatchesClosedFormForBaseModel() {
        int g = 14;
        float[] table = Rope.angleTable(RopeMode.ST, 64, 16, g, 16);
        double s = 16.0 / g;
        int[][] probes = {{0, 0, 0}, {3, 5, 7}, {15, 13, 13}, {9, 0, 11}};
        for (int[] p : probes) {
            int row = (p[0] * g + p[1]) * g + p[2];
            for (int m = 0; m < 32; m++) {
                double want = (m < 16 ? p[1] * s : p[2] * s) * Math.pow(10000, -(m % 16) / 16.0)
                        + p[0] * Math.pow(10000, -m / 32.0);
                assertEquals(want, table[row * 64 + 2 * m], 2e-5 * Math.max(1, Math.abs(want)), "pair " + m);
                assertEquals(table[row * 64 + 2 * m], table[row * 64 + 2 * m + 1], "both channels of a pair");
            }
        }
    }

    @Test
    void stWithOneFrameEqualsSpatial() {
        assertArrayEquals(Rope.angleTable(RopeMode.SPATIAL, 64, 1, 14, 16), Rope.angleTable(RopeMode.ST, 64, 1, 14, 16));
    }

    @Test
    void split3dUsesThreeEighthsRowsThreeEighthsColumnsQuarterTime() {
        // d_h = 64: 32 pairs -> 12 row pairs, 12 column pairs, 8 time pairs
        float[] a = Rope.pairAngles(RopeMode.SPLIT3D, 64, 16, 16, 2, 3, 5);
        for (int j = 0; j < 12; j++) {
            assertEquals(3 * Math.pow(10000, -j / 12.0), a[j], 1e-4, "row pair " + j);
            assertEquals(5 * Math.pow(10000, -j / 12.0), a[12 + j], 1e-4, "column pair " + j);
        }
        for (int j = 0; j < 8; j++) {
            assertEquals(2 * Math.pow(10000, -j / 8.0), a[24 + j], 1e-5, "time pair " + j);
        }
    }

    @Test
    void noneHasZeroAngles() {
        for (float v : Rope.angleTable(RopeMode.NONE, 32, 2, 4, 16)) {
            assertEquals(0f, v);
        }
    }

    @Test
    void rotateTurnsEachPairByItsAngle() {
        float[] x = {1f, 0f, 0f, 2f};
        float[] ang = {(float) (Math.PI / 2), (float) (Math.PI / 2), (float) Math.PI, (float) Math.PI};
        float[] y = Rope.rotate(x, ang);
        // (1, 0) by 90° -> (0, 1); (0, 2) by 180° -> (0, -2)
        assertArrayEquals(new float[] {0f, 1f, 0f, -2f}, y, 1e-6f);
    }

    /**
     * Relative property: q·k after rotation depends only on the position difference, so shifting both tokens by the same
     * (Δt, Δh, Δw) leaves it unchanged. Spatial positions are rescaled by 16/G, which is a constant factor, so integer
     * grid shifts keep the property.
     */
    @ParameterizedTest
    @EnumSource(RopeMode.class)
    void dotProductDependsOnlyOnRelativePosition(RopeMode mode) {
        int hd = 64;
        int g = 14;
        Random r = new Random(7);
        float[] q = new float[hd];
        float[] k = new float[hd];
        for (int i = 0; i < hd; i++) {
            q[i] = (float) r.nextGaussian();
            k[i] = (float) r.nextGaussian();
        }
        int[][][] cases = {{{0, 1, 2}, {3, 4, 0}}, {{1, 10, 3}, {0, 2, 9}}};
        int[][] shifts = {{1, 0, 0}, {0, 2, 1}, {2, 3, 4}, {5, -1, 2}};
        for (int[][] c : cases) {
            double base = dot(Rope.rotate(q, channels(mode, hd, g, c[0])), Rope.rotate(k, channels(mode, hd, g, c[1])));
            for (int[] s : shifts) {
                int[] a = {c[0][0] + s[0], c[0][1] + s[1], c[0][2] + s[2]};
                int[] b = {c[1][0] + s[0], c[1][1] + s[1], c[1][2] + s[2]};
                double moved = dot(Rope.rotate(q, channels(mode, hd, g, a)), Rope.rotate(k, channels(mode, hd, g, b)));
                assertEquals(base, moved, 1e-5 * Math.max(1, Math.abs(base)), mode + " shift " + s[0] + "," + s[1] + ","
                        + s[2]);
            }
            if (mode != RopeMode.NONE) {
                // moving only one token changes the score (the encoding is not trivial)
                int[] a = {c[0][0] + 1, c[0][1] + 1, c[0][2] + 1};
                double one = dot(Rope.rotate(q, channels(mode, hd, g, a)), Rope.rotate(k, channels(mode, hd, g, c[1])));
                assertNotEquals(base, one, 1e-3);
            } else {
                assertEquals(dot(q, k), base, 1e-5);
            }
        }
    }

    @Test
    void clsRowOfFusedTablesIsIdentityScaled() {
        float scale = 0.125f;
        float[][] cs = Rope.cosSinWithCls(RopeMode.ST, 32, 2, 4, 16, scale);
        assertEquals((1 + 2 * 16) * 32, cs[0].length);
        for (int c = 0; c < 32; c++) {
            assertEquals(scale, cs[0][c]);
            assertEquals(0f, cs[1][c]);
        }
        float[] ang = Rope.angleTable(RopeMode.ST, 32, 2, 4, 16);
        // row 1 + i carries angle row i; even channel -sin, odd channel +sin
        int i = 21;
        for (int c = 0; c < 32; c++) {
            double a = ang[i * 32 + c];
            assertEquals(Math.cos(a) * scale, cs[0][(1 + i) * 32 + c], 1e-6);
            assertEquals((c % 2 == 0 ? -1 : 1) * Math.sin(a) * scale, cs[1][(1 + i) * 32 + c], 1e-6);
        }
        assertTrue(ang[i * 32] != 0f);
    }

    /** Channel angles of one token (pair angle repeated), positions given on the grid, not rescaled. */
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
