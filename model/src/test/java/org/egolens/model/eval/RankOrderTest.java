package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankOrderTest {

    @Test
    void descendingWithLaterIndexFirstAmongTies() {
        double[] s = {0.7, 0.9, 0.7, -0.0, 0.0, 0.7, Double.NEGATIVE_INFINITY, -3};
        assertArrayEquals(new int[] {1, 5, 2, 0, 4, 3, 7, 6}, RankOrder.descending(s));
    }

    @Test
    void matchesABoxedReferenceSortOnManyTies() {
        Random rnd = new Random(42);
        RankOrder rank = new RankOrder(1000);
        for (int n : new int[] {1, 2, 31, 32, 33, 64, 65, 100, 517, 1000}) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(7) - 3 + (rnd.nextBoolean() ? 0 : 0.25); // few distinct values, negatives
            }
            Integer[] ref = new Integer[n];
            Arrays.setAll(ref, i -> i);
            Arrays.sort(ref, Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> -i));
            int[] got = Arrays.copyOf(rank.descending(s, n), n);
            assertArrayEquals(Arrays.stream(ref).mapToInt(Integer::intValue).toArray(), got, "n=" + n);
        }
    }

    @Test
    void keepsDoublePrecisionBelowFloatResolution() {
        // all four round to the same float; the exact doubles decide, the exact tie (idx 1, 3) puts 3 first
        double[] s = {1 + 3e-10, 1 + 1e-10, 1 + 2e-10, 1 + 1e-10, 1.0f};
        assertArrayEquals(new int[] {0, 2, 3, 1, 4}, RankOrder.descending(s));
        Random rnd = new Random(7);
        RankOrder rank = new RankOrder(3000);
        for (int n : new int[] {5, 40, 300, 3000}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(3) + rnd.nextInt(50) * 1e-12; // many float ties that differ as doubles, some exact ties
            }
            Integer[] ref = new Integer[n];
            Arrays.setAll(ref, i -> i);
            Arrays.sort(ref, Comparator.<Integer>comparingDouble(i -> -v[i]).thenComparing(i -> -i));
            assertArrayEquals(Arrays.stream(ref).mapToInt(Integer::intValue).toArray(),
                    Arrays.copyOf(rank.descending(v, n), n), "n=" + n);
        }
    }

    @Test
    void matchesABoxedReferenceSortOnWideRanges() {
        Random rnd = new Random(3);
        int n = 5000;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 6);
        }
        s[10] = Double.POSITIVE_INFINITY;
        s[11] = Double.NEGATIVE_INFINITY;
        s[12] = Double.MAX_VALUE; // rounds to +inf as float: the exact doubles must still decide
        s[13] = -0.0;
        s[14] = 0.0;
        Integer[] ref = new Integer[n];
        Arrays.setAll(ref, i -> i);
        Arrays.sort(ref, Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> -i));
        int[] expected = Arrays.stream(ref).mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, RankOrder.descending(s));
        assertEquals(10, expected[0]);
        assertEquals(12, expected[1]);
    }

    @Test
    void refusesNaN() {
        assertThrows(IllegalArgumentException.class, () -> RankOrder.descending(new double[] {1, Double.NaN}));
    }
}
