package org.egolens.model.eval;

import java.util.Arrays;

/**
 * Ranks candidates by descending score with one fixed tie rule, using primitive arrays only (no boxing).
 *
 * <p><b>Tie rule.</b> Among exactly equal scores the candidate with the <em>higher index comes first</em>. This is the
 * order of the JPoSE nDCG code (ascending argsort, reversed; docs §2.4). The reference mAP code sorts with numpy's
 * unstable quicksort, whose tie order is unspecified; EgoLens applies the same rule there, so every metric is
 * deterministic. {@code -0.0} and {@code 0.0} are equal scores; NaN scores are refused. Scores are compared at full
 * double precision.
 *
 * <p>Implementation: each score is rounded to float (a monotone map) and its bits turned into an unsigned 32-bit key
 * with the order of the floats; a stable LSD radix sort (four 8-bit digits, trivial digits skipped) orders the
 * candidates ascending by key, so equal floats keep ascending index. Runs whose doubles differ below float precision
 * are then re-sorted by the exact double with a stable merge sort. Reading the ascending result backwards gives
 * descending score with higher index first. One instance holds reusable buffers and is not thread-safe.
 */
public final class RankOrder {
    private static final int RUN = 32;
    private final int[] radixKeys;
    private final int[] radixTmpKeys;
    private final int[] radixTmpIdx;
    private final int[] histogram = new int[4 * 256];
    private final int[] ascending;
    private final long[] keys;
    private final int[] idx;
    private final long[] tmpKeys;
    private final int[] tmpIdx;
    private final int[] order;

    /** Buffers for up to {@code capacity} candidates per query. */
    public RankOrder(int capacity) {
        radixKeys = new int[capacity];
        radixTmpKeys = new int[capacity];
        radixTmpIdx = new int[capacity];
        ascending = new int[capacity];
        keys = new long[capacity];
        idx = new int[capacity];
        tmpKeys = new long[capacity];
        tmpIdx = new int[capacity];
        order = new int[capacity];
    }

    /**
     * Candidate indices of {@code scores[0..length)} by descending score (ties: higher index first).
     *
     * @return an internal array whose first {@code length} entries hold the order; valid until the next call
     * @throws IllegalArgumentException if a score is NaN or {@code length} exceeds the capacity
     */
    public int[] descending(double[] scores, int length) {
        if (length > ascending.length) {
            throw new IllegalArgumentException(length + " candidates exceed the capacity " + ascending.length);
        }
        int[] sortedKeys = radixSort(scores, length);
        // runs of equal floats: re-sort by the exact double where they differ
        int start = 0;
        while (start < length) {
            int key = sortedKeys[start];
            int end = start + 1;
            while (end < length && sortedKeys[end] == key) {
                end++;
            }
            if (end - start > 1 && differ(scores, start, end)) {
                refine(scores, start, end);
            }
            start = end;
        }
        for (int p = 0; p < length; p++) {
            order[p] = ascending[length - 1 - p];
        }
        return order;
    }

    /** Convenience: a fresh array with the descending order of all {@code scores} (same tie rule). */
    public static int[] descending(double[] scores) {
        return Arrays.copyOf(new RankOrder(scores.length).descending(scores, scores.length), scores.length);
    }

    /** Float bits as an unsigned int with the order of the floats ({@code -0.0f} folded into {@code 0.0f}). */
    private static int unsignedOrderedBits(float f) {
        int bits = Float.floatToRawIntBits(f + 0.0f);
        return (bits ^ ((bits >> 31) & Integer.MAX_VALUE)) ^ Integer.MIN_VALUE;
    }

    /**
     * Stable ascending LSD radix sort of the candidates by their float key; fills {@link #ascending} with candidate
     * indices and returns the array holding the matching sorted keys.
     */
    private int[] radixSort(double[] scores, int length) {
        int[] h = histogram;
        Arrays.fill(h, 0);
        int[] srcK = radixKeys;
        int[] srcI = ascending;
        for (int c = 0; c < length; c++) {
            double s = scores[c];
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("NaN score for candidate " + c);
            }
            int k = unsignedOrderedBits((float) s);
            srcK[c] = k;
            srcI[c] = c;
            h[k & 255]++;
            h[256 + ((k >>> 8) & 255)]++;
            h[512 + ((k >>> 16) & 255)]++;
            h[768 + (k >>> 24)]++;
        }
        int[] dstK = radixTmpKeys;
        int[] dstI = radixTmpIdx;
        for (int digit = 0; digit < 4; digit++) {
            int base = digit * 256;
            int shift = 8 * digit;
            if (length == 0 || h[base + ((srcK[0] >>> shift) & 255)] == length) {
                continue; // every key has the same digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {
                int count = h[base + d];
                h[base + d] = sum;
                sum += count;
            }
            for (int c = 0; c < length; c++) {
                int k = srcK[c];
                int p = h[base + ((k >>> shift) & 255)]++;
                dstK[p] = k;
                dstI[p] = srcI[c];
            }
            int[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] ti = srcI;
            srcI = dstI;
            dstI = ti;
        }
        if (srcI != ascending) {
            System.arraycopy(srcI, 0, ascending, 0, length);
        }
        return srcK;
    }

    /** Double bits as a signed long with the order of the doubles ({@code -0.0} folded into {@code 0.0}). */
    private static long orderedBits(double d) {
        long bits = Double.doubleToRawLongBits(d + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    private boolean differ(double[] scores, int start, int end) {
        double first = scores[ascending[start]] + 0.0;
        for (int k = start + 1; k < end; k++) {
            if (scores[ascending[k]] + 0.0 != first) {
                return true;
            }
        }
        return false;
    }

    /** Stable sort of ascending[start..end) (currently in ascending index order) by the exact double score. */
    private void refine(double[] scores, int start, int end) {
        for (int k = start; k < end; k++) {
            idx[k] = ascending[k];
            keys[k] = orderedBits(scores[idx[k]]);
        }
        int[] result = mergeSort(start, end) ? idx : tmpIdx;
        System.arraycopy(result, start, ascending, start, end - start);
    }

    /** Stable ascending sort of (keys, idx)[lo..hi); true if the result is in keys/idx, false if in the tmp arrays. */
    private boolean mergeSort(int lo, int hi) {
        for (int a = lo; a < hi; a += RUN) {
            insertionSort(a, Math.min(a + RUN, hi));
        }
        long[] srcK = keys;
        int[] srcI = idx;
        long[] dstK = tmpKeys;
        int[] dstI = tmpIdx;
        boolean inKeys = true;
        for (int width = RUN; width < hi - lo; width *= 2) {
            for (int a = lo; a < hi; a += 2 * width) {
                merge(srcK, srcI, a, Math.min(a + width, hi), Math.min(a + 2 * width, hi), dstK, dstI);
            }
            long[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] ti = srcI;
            srcI = dstI;
            dstI = ti;
            inKeys = !inKeys;
        }
        return inKeys;
    }

    private void insertionSort(int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long k = keys[i];
            int v = idx[i];
            int j = i - 1;
            while (j >= lo && keys[j] > k) {
                keys[j + 1] = keys[j];
                idx[j + 1] = idx[j];
                j--;
            }
            keys[j + 1] = k;
            idx[j + 1] = v;
        }
    }

    private static void merge(long[] sk, int[] si, int lo, int mid, int hi, long[] dk, int[] di) {
        if (mid >= hi || sk[mid - 1] <= sk[mid]) {
            System.arraycopy(sk, lo, dk, lo, hi - lo);
            System.arraycopy(si, lo, di, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            if (sk[j] < sk[i]) {
                dk[k] = sk[j];
                di[k++] = si[j++];
            } else {
                dk[k] = sk[i];
                di[k++] = si[i++];
            }
        }
        while (i < mid) {
            dk[k] = sk[i];
            di[k++] = si[i++];
        }
        while (j < hi) {
            dk[k] = sk[j];
            di[k++] = si[j++];
        }
    }
}
