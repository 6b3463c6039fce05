package org.egolens.model.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.egolens.model.data.demo.ClipBoxes;
import org.junit.jupiter.api.Test;

class AttentionInBoxesTest {
    private static final TokenGrid GRID = new TokenGrid(2, 4); // 64-px input, 16-px patches

    /** A 128-px square source is halved: box [0, 0, 40, 40] becomes [0, 0, 20, 20] and touches patches (0,0)–(1,1). */
    @Test
    void squareSourceIsScaledToTheInput() {
        boolean[] mask = AttentionInBoxes.patchMask(GRID, 16, 128, 128,
                List.of(List.of(new double[] {0, 0, 40, 40}), List.of(new double[] {64, 96, 96, 128})));
        boolean[] want = new boolean[32];
        want[0] = want[1] = want[4] = want[5] = true;
        // frame 1: [32, 48, 48, 64] covers column 2, row 3 only (edges that merely touch do not count)
        want[16 + 3 * 4 + 2] = true;
        assertArrayEquals(want, mask);
        // a box ending exactly on a patch edge does not reach the next patch
        boolean[] edge = AttentionInBoxes.patchMask(GRID, 16, 128, 128,
                List.of(List.of(new double[] {0, 0, 32, 32}), List.of()));
        assertEquals(1, count(edge));
        assertEquals(true, edge[0]);
    }

    /**
     * A 160 × 90 source: short side 90 → 64, long side floor(64·160/90) = 113, crop x = round(24.5) = 24 (half to
     * even). Source x 80…90 maps to 56.5−24 = 32.5 … 63.5−24 = 39.5 → column 2; y 0…10 maps to 0 … 7.1 → row 0.
     */
    @Test
    void wideSourceIsResizedAndCentreCropped() {
        boolean[] mask = AttentionInBoxes.patchMask(new TokenGrid(1, 4), 16, 160, 90,
                List.of(List.of(new double[] {80, 0, 90, 10}, new double[] {0, 40, 20, 50})));
        boolean[] want = new boolean[16];
        want[2] = true; // the second box lies left of the crop (x ≤ 14.1 − 24 < 0)
        assertArrayEquals(want, mask);
    }

    @Test
    void shareComparesMassWithArea() {
        float[] v = new float[32];
        java.util.Arrays.fill(v, 0.01f);
        v[0] = 0.3f;
        v[5] = 0.1f;
        PatchMap map = new PatchMap(GRID, QueryToken.CLS, v, 0.5f);
        boolean[] mask = new boolean[32];
        mask[0] = mask[5] = mask[31] = true;
        AttentionInBoxes.Share s = AttentionInBoxes.share(map, mask);
        double total = 0.3 + 0.1 + 30 * 0.01;
        assertEquals((0.3 + 0.1 + 0.01) / total, s.massInside(), 1e-6);
        assertEquals(3.0 / 32, s.areaInside(), 1e-12);
        assertEquals(3, s.patchesInside());
        assertEquals(s.massInside() / s.areaInside(), s.lift(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> AttentionInBoxes.share(map, new boolean[31]));
    }

    /** Frame index i is frame number i + 1; indices in the padding take the nearest entry; ACTION keeps the narrated. */
    @Test
    void boxesOfASampledFrame() {
        ClipBoxes b = new ClipBoxes("P01_101_0", "P01_101", 128, 15, 11, 12, "take cup", List.of(
                new ClipBoxes.FrameEntry(11, List.of(new ClipBoxes.ObjectEntry("cup", 1, "acted", new double[] {1, 1, 9, 9}),
                        new ClipBoxes.ObjectEntry("pan", 2, "distractor", new double[] {50, 50, 60, 60})),
                        List.of(new ClipBoxes.HandEntry("right", true, new double[] {10, 10, 20, 20}),
                                new ClipBoxes.HandEntry("left", false, new double[] {90, 90, 99, 99}))),
                new ClipBoxes.FrameEntry(12, List.of(new ClipBoxes.ObjectEntry("cup", 1, "acted",
                        new double[] {2, 2, 9, 9})), List.of())));
        List<double[]> action = AttentionInBoxes.boxesAt(b, 10, AttentionInBoxes.Boxes.ACTION);
        assertEquals(2, action.size());
        assertArrayEquals(new double[] {10, 10, 20, 20}, action.get(0));
        assertArrayEquals(new double[] {1, 1, 9, 9}, action.get(1));
        assertEquals(4, AttentionInBoxes.boxesAt(b, 10, AttentionInBoxes.Boxes.ALL).size());
        assertArrayEquals(new double[] {2, 2, 9, 9}, AttentionInBoxes.boxesAt(b, 11, AttentionInBoxes.Boxes.ALL).get(0));
        assertEquals(4, AttentionInBoxes.boxesAt(b, 2, AttentionInBoxes.Boxes.ALL).size(), "padding before: first entry");
        assertEquals(1, AttentionInBoxes.boxesAt(b, 40, AttentionInBoxes.Boxes.ALL).size(), "padding after: last entry");
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
