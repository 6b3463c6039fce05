package org.egolens.viewer.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedSeriesTest {
    @Test
    void exactWhileBelowTheBucketBound() {
        BoundedSeries s = new BoundedSeries(100); // 48 buckets
        double[] xs = new double[48];
        double[] ys = new double[48];
        for (int i = 0; i < 48; i++) {
            xs[i] = i;
            ys[i] = Math.sin(i);
            s.add(i, ys[i]);
        }
        BoundedSeries.Snapshot snap = s.snapshot();
        assertArrayEquals(xs, snap.x());
        assertArrayEquals(ys, snap.y());
        assertEquals(1, s.pointsPerBucket());
        assertEquals(48, snap.added());
    }

    @Test
    void boundedAndKeepsExtremesFirstAndLast() {
        Random rnd = new Random(5);
        for (int capacity : new int[] {6, 7, 50, 2000}) {
            BoundedSeries s = new BoundedSeries(capacity);
            Map<Double, Double> input = new HashMap<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double minAt = 0;
            double maxAt = 0;
            int n = 60_000;
            for (int i = 0; i < n; i++) {
                double y = rnd.nextGaussian() + (i == 43_457 ? 50 : 0) - (i == 77 ? 40 : 0);
                s.add(i, y);
                input.put((double) i, y);
                if (y < min) {
                    min = y;
                    minAt = i;
                }
                if (y > max) {
                    max = y;
                    maxAt = i;
                }
                if (i % 997 == 0) {
                    assertTrue(s.size() <= capacity, "bounded at " + i + ": " + s);
                }
            }
            BoundedSeries.Snapshot snap = s.snapshot();
            assertTrue(snap.size() <= capacity, s.toString());
            assertTrue(snap.size() >= capacity / 2 - 2, "uses its budget: " + s);
            for (int i = 0; i < snap.size(); i++) {
                assertEquals(input.get(snap.x()[i]), snap.y()[i], "every shown point is an input point");
                if (i > 0) {
                    assertTrue(snap.x()[i] > snap.x()[i - 1], "strictly increasing x");
                }
            }
            assertEquals(0, snap.x()[0], "first point kept");
            assertEquals(n - 1, snap.x()[snap.size() - 1], "last point kept");
            assertTrue(contains(snap, maxAt, max), "global maximum kept (capacity " + capacity + ")");
            assertTrue(contains(snap, minAt, min), "global minimum kept (capacity " + capacity + ")");
            assertEquals(n, snap.added());
        }
    }

    /** Every bucket of k consecutive points keeps its extremes: the max of any aligned window of k is shown. */
    @Test
    void localExtremesAtDisplayResolution() {
        BoundedSeries s = new BoundedSeries(42); // 20 buckets
        Random rnd = new Random(9);
        int n = 20 * 64; // exactly fills 20 buckets of k = 64 after the last compaction
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble();
            s.add(i, y[i]);
        }
        long k = s.pointsPerBucket();
        assertEquals(64, k);
        BoundedSeries.Snapshot snap = s.snapshot();
        for (int b = 0; b < n / k; b++) {
            int hi = 0;
            int lo = 0;
            for (int j = 0; j < k; j++) {
                int i = (int) (b * k + j);
                if (y[i] > y[(int) (b * k + hi)]) {
                    hi = j;
                }
                if (y[i] < y[(int) (b * k + lo)]) {
                    lo = j;
                }
            }
            assertTrue(contains(snap, b * k + hi, y[(int) (b * k + hi)]), "bucket " + b + " max");
            assertTrue(contains(snap, b * k + lo, y[(int) (b * k + lo)]), "bucket " + b + " min");
        }
    }

    @Test
    void rewindDropsLaterPointsLastValuePerStep() {
        BoundedSeries s = new BoundedSeries(100);
        for (int i = 0; i < 10; i++) {
            s.add(i, i);
        }
        s.add(6, -6); // a resumed run rewrites step 6
        s.add(7, -7);
        BoundedSeries.Snapshot snap = s.snapshot();
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, snap.x());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, -6, -7}, snap.y());
        s.truncateFrom(3);
        assertArrayEquals(new double[] {0, 1, 2}, s.snapshot().x());
        s.truncateFrom(-1);
        assertTrue(s.isEmpty());
    }

    @Test
    void rewindWhenDownSampledLosesAtMostOneBucket() {
        BoundedSeries s = new BoundedSeries(22); // 10 buckets
        for (int i = 0; i < 1000; i++) {
            s.add(i, i % 7);
        }
        long k = s.pointsPerBucket();
        assertTrue(k > 1);
        s.add(500, 99);
        BoundedSeries.Snapshot snap = s.snapshot();
        assertEquals(500, snap.x()[snap.size() - 1]);
        assertEquals(99, snap.y()[snap.size() - 1]);
        double before = snap.x()[snap.size() - 2];
        assertTrue(before < 500 && before >= 500 - 2 * k, "kept points up to one bucket before: " + before);
    }

    @Test
    void ignoresNonFiniteAndTracksVersion() {
        BoundedSeries s = new BoundedSeries();
        long v0 = s.version();
        assertFalse(s.add(1, Double.NaN));
        assertFalse(s.add(Double.POSITIVE_INFINITY, 1));
        assertEquals(v0, s.version());
        assertTrue(s.add(1, 2));
        assertTrue(s.version() > v0);
        assertEquals(1, s.lastX());
        assertEquals(2, s.lastY());
        s.clear();
        assertTrue(s.isEmpty());
        assertTrue(Double.isNaN(s.lastX()));
        assertThrows(IllegalArgumentException.class, () -> new BoundedSeries(5));
    }

    private static boolean contains(BoundedSeries.Snapshot s, double x, double y) {
        for (int i = 0; i < s.size(); i++) {
            if (s.x()[i] == x && s.y()[i] == y) {
                return true;
            }
        }
        return false;
    }
}
