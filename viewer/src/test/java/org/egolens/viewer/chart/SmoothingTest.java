package org.egolens.viewer.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmoothingTest {
    @Test
    void unitSpacingIsTensorBoardsDebiasedEma() {
        double w = 0.6;
        double[] x = {0, 1, 2, 3};
        double[] y = {1.0, 0.0, 2.0, 1.0};
        // by hand: last_t = w·last_{t-1} + (1-w)·y_t ; out_t = last_t / (1 - w^t)
        double l1 = 0.4 * 1.0;
        double l2 = 0.6 * l1 + 0.4 * 0.0;
        double l3 = 0.6 * l2 + 0.4 * 2.0;
        double l4 = 0.6 * l3 + 0.4 * 1.0;
        double[] expected = {l1 / (1 - 0.6), l2 / (1 - 0.36), l3 / (1 - 0.216), l4 / (1 - 0.1296)};
        assertArrayEquals(expected, Smoothing.ema(x, y, w), 1e-12);
        assertEquals(1.0, expected[0], 1e-12, "the first value is kept");
    }

    @Test
    void aGapWeighsLikeRepeatsOfTheNextValue() {
        double w = 0.8;
        double[] sparse = Smoothing.ema(new double[] {0, 3, 4}, new double[] {2, 5, 1}, w);
        double[] dense = Smoothing.ema(new double[] {0, 1, 2, 3, 4}, new double[] {2, 5, 5, 5, 1}, w);
        assertEquals(dense[3], sparse[1], 1e-12);
        assertEquals(dense[4], sparse[2], 1e-12);
    }

    @Test
    void zeroWeightCopiesAndNonFinitePassesThrough() {
        double[] y = {3, Double.NaN, 1};
        double[] x = {0, 1, 2};
        assertArrayEquals(y, Smoothing.ema(x, y, 0));
        double[] s = Smoothing.ema(x, y, 0.5);
        assertTrue(Double.isNaN(s[1]));
        // the NaN is skipped: the step from x=0 to x=2 is a gap of 2
        double m = 0.5 * 3;
        double z = 0.5;
        m = 0.25 * m + 0.75 * 1;
        z = 0.25 * z + 0.75;
        assertEquals(m / z, s[2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(x, y, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(x, new double[2], 0.5));
    }
}
