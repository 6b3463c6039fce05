package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AVION frame-index rule (docs §3.1, §6), checked against values worked out by hand and AVION's own formula. */
class SamplingPlanTest {
    private static final Path VIDEO = Path.of("videos", "P01_01.mp4");

    private static ClipWindow window(double start, double end) {
        return new ClipWindow("clip", VIDEO, start, end);
    }

    @Test
    void centresOfEqualSegmentsByHand() {
        // [0, 2 s) at 30 fps = frames [0, 60); 4 segments of 15 frames, centres 7.5, 22.5, 37.5, 52.5
        SamplingPlan p = SamplingPlan.avion(window(0, 2), 30, 300, 4, null);
        assertArrayEquals(new long[] {7, 22, 37, 52}, p.indices());
        assertEquals(0, p.startFrame());
        assertEquals(60, p.endFrame());
        assertFalse(p.clamped());
        // [1 s, 1.5 s) = frames [30, 45); 3 segments of 5: centres 32.5, 37.5, 42.5
        assertArrayEquals(new long[] {32, 37, 42}, SamplingPlan.avion(window(1, 1.5), 30, 300, 3, null).indices());
    }

    @Test
    void matchesAvionLinspaceFormula() {
        for (int t : new int[] {1, 4, 8, 16, 32}) {
            for (long[] ab : new long[][] {{0, 449}, {99, 237}, {5, 6}, {12, 13 + t}, {1000, 1901}}) {
                long a = ab[0];
                long b = ab[1];
                SamplingPlan p = SamplingPlan.avion(window(a / 30.0, b / 30.0), 30, 100_000, t, null);
                assertArrayEquals(JavaCvVideoSourceTest.avionCentres(a, b, t), p.indices(), "a=" + a + " b=" + b + " T=" + t);
            }
        }
    }

    @Test
    void boundsRoundHalfToEvenLikeNumpy() {
        // at 2 fps (exact in binary): 0.75 s -> 1.5 -> 2; 1.25 s -> 2.5 -> 2; 1.75 s -> 3.5 -> 4
        assertEquals(2, SamplingPlan.avion(window(0.75, 10), 2, 300, 1, null).startFrame());
        assertEquals(2, SamplingPlan.avion(window(1.25, 10), 2, 300, 1, null).startFrame());
        assertEquals(4, SamplingPlan.avion(window(1.75, 10), 2, 300, 1, null).startFrame());
        assertEquals(2, SamplingPlan.avion(window(0, 1.25), 2, 300, 1, null).endFrame());
    }

    @Test
    void overhangIsClampedToTheLastFrame() {
        SamplingPlan p = SamplingPlan.avion(window(0, 15), 30, 449, 16, null);
        assertTrue(p.clamped());
        assertEquals(449, p.endFrame());
        assertEquals(448 - 14, p.indices()[15]); // centre of the last segment: 449 - 449/32 = 434.97
        SamplingPlan exact = SamplingPlan.avion(window(0, 449 / 30.0), 30, 449, 16, null);
        assertFalse(exact.clamped());
        assertArrayEquals(p.indices(), exact.indices());
        SamplingPlan open = SamplingPlan.avion(ClipWindow.whole("w", VIDEO), 30, 449, 16, null);
        assertFalse(open.clamped());
        assertArrayEquals(p.indices(), open.indices());
    }

    @Test
    void windowShorterThanAFrameTakesItsFirstFrame() {
        SamplingPlan p = SamplingPlan.avion(window(1.0, 1.01), 30, 300, 4, null);
        assertArrayEquals(new long[] {30, 30, 30, 30}, p.indices());
        assertEquals(30, p.middleFrame());
    }

    @Test
    void windowStartingAfterTheEndIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplingPlan.avion(new ClipWindow("P01_01_7", VIDEO, 20, 22.5), 30, 449, 4, null));
        String m = e.getMessage();
        assertTrue(m.contains("P01_01_7") && m.contains("P01_01.mp4") && m.contains("20.000") && m.contains("22.500")
                && m.contains("449 frames"), m);
        // start rounding onto frame N (one past the last) is after the end too
        assertThrows(IllegalArgumentException.class, () -> SamplingPlan.avion(window(449 / 30.0, 16), 30, 449, 4, null));
        assertEquals(448, SamplingPlan.avion(window(448 / 30.0, 16), 30, 449, 4, null).indices()[3]);
    }

    @Test
    void jitterStaysWithinHalfASegmentAndInsideTheWindow() {
        long a = 90;
        long b = 331;
        int t = 8;
        double seg = (b - a - 1) / (double) t;
        Random r = new Random(42);
        boolean moved = false;
        for (int run = 0; run < 500; run++) {
            SamplingPlan p = SamplingPlan.avion(window(3, b / 30.0), 30, 1000, t, r);
            for (int k = 0; k < t; k++) {
                double centre = a + (k + 0.5) * (b - a) / t;
                long i = p.indices()[k];
                assertTrue(i >= a && i < b, "index " + i);
                assertTrue(i >= Math.floor(centre - seg / 2) && i <= Math.floor(centre + seg / 2), "slot " + k + ": " + i);
                if (k > 0) {
                    assertTrue(i >= p.indices()[k - 1], "non-decreasing");
                }
                moved |= i != (long) centre;
            }
        }
        assertTrue(moved);
        // same seed, same frames
        assertArrayEquals(SamplingPlan.avion(window(3, 11), 30, 1000, t, new Random(7)).indices(),
                SamplingPlan.avion(window(3, 11), 30, 1000, t, new Random(7)).indices());
    }
}
