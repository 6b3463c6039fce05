package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
    /** Full sort: score descending, then index ascending. */
    private static int[] sortedOrder(float[] s) {
        return IntStream.range(0, s.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void keepsTheKBestInOrderIncludingTies() {
        Random r = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(300);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(20) / 10f - 1; // many exact ties
            }
            int k = 1 + r.nextInt(n + 5);
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                top.offer(i, s[i]);
            }
            int[] expected = java.util.Arrays.copyOf(sortedOrder(s), Math.min(k, n));
            assertArrayEquals(expected, top.indices(), "n=" + n + " k=" + k);
            float[] sc = top.scores();
            for (int j = 0; j < expected.length; j++) {
                assertEquals(s[expected[j]], sc[j]);
            }
        }
    }

    @Test
    void mergeOfPartsEqualsOnePass() {
        Random r = new Random(3);
        float[] s = new float[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) r.nextGaussian();
        }
        TopK a = new TopK(10);
        TopK b = new TopK(10);
        for (int i = 0; i < s.length; i++) {
            (i % 3 == 0 ? a : b).offer(i, s[i]);
        }
        a.merge(b);
        assertArrayEquals(java.util.Arrays.copyOf(sortedOrder(s), 10), a.indices());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new TopK(0));
        assertThrows(IllegalArgumentException.class, () -> new TopK(3).offer(0, Float.NaN));
    }
}
