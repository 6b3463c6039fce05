package org.egolens.model.retrieval;

import java.util.Arrays;

/**
 * Keeps the k best (index, score) pairs of a stream in a bounded binary min-heap: O(n log k) time, O(k) memory.
 *
 * <p>Order: higher score first; among equal scores the lower index first, so results are deterministic. NaN scores
 * are rejected. Not thread-safe: use one per thread and {@link #merge(TopK)}.
 */
public final class TopK {
    private final int capacity;
    private final int[] idx;
    private final float[] score;
    private int size;

    /** @throws IllegalArgumentException if {@code k < 1} */
    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k needs k >= 1, got " + k);
        }
        capacity = k;
        idx = new int[k];
        score = new float[k];
    }

    /** k. */
    public int capacity() {
        return capacity;
    }

    /** Pairs kept so far (≤ k). */
    public int size() {
        return size;
    }

    /** True when (sa, ia) ranks below (sb, ib). */
    private static boolean worse(float sa, int ia, float sb, int ib) {
        return sa < sb || (sa == sb && ia > ib);
    }

    /** The score a new pair must beat once the heap is full ({@code -∞} before). */
    public float threshold() {
        return size < capacity ? Float.NEGATIVE_INFINITY : score[0];
    }

    /**
     * Offers one pair.
     *
     * @throws IllegalArgumentException if {@code s} is NaN
     */
    public void offer(int i, float s) {
        if (s != s) {
            throw new IllegalArgumentException("NaN score for item " + i);
        }
        if (size < capacity) {
            int c = size++;
            idx[c] = i;
            score[c] = s;
            siftUp(c);
        } else if (worse(score[0], idx[0], s, i)) {
            idx[0] = i;
            score[0] = s;
            siftDown(0);
        }
    }

    /** Offers every pair kept by {@code other}. */
    public void merge(TopK other) {
        for (int j = 0; j < other.size; j++) {
            offer(other.idx[j], other.score[j]);
        }
    }

    private void siftUp(int c) {
        while (c > 0) {
            int p = (c - 1) >>> 1;
            if (!worse(score[c], idx[c], score[p], idx[p])) {
                return;
            }
            swap(c, p);
            c = p;
        }
    }

    private void siftDown(int p) {
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int w = l;
            int r = l + 1;
            if (r < size && worse(score[r], idx[r], score[l], idx[l])) {
                w = r;
            }
            if (!worse(score[w], idx[w], score[p], idx[p])) {
                return;
            }
            swap(p, w);
            p = w;
        }
    }

    private void swap(int a, int b) {
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
        float ts = score[a];
        score[a] = score[b];
        score[b] = ts;
    }

    /** Indices of the kept pairs, best first. */
    public int[] indices() {
        Integer[] order = order();
        int[] out = new int[size];
        for (int j = 0; j < size; j++) {
            out[j] = idx[order[j]];
        }
        return out;
    }

    /** Scores of the kept pairs, best first (parallel to {@link #indices()}). */
    public float[] scores() {
        Integer[] order = order();
        float[] out = new float[size];
        for (int j = 0; j < size; j++) {
            out[j] = score[order[j]];
        }
        return out;
    }

    private Integer[] order() {
        Integer[] o = new Integer[size];
        for (int j = 0; j < size; j++) {
            o[j] = j;
        }
        Arrays.sort(o, (a, b) -> worse(score[a], idx[a], score[b], idx[b]) ? 1
                : worse(score[b], idx[b], score[a], idx[a]) ? -1 : 0);
        return o;
    }
}
