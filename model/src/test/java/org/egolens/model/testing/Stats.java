package org.egolens.model.testing;

/** Small statistics for tests. */
public final class Stats {
    private Stats() {}

    /** Population standard deviation of the values (sums in double). */
    public static double std(float[] v) {
        double s = 0;
        double s2 = 0;
        for (float x : v) {
            s += x;
            s2 += (double) x * x;
        }
        double mean = s / v.length;
        return Math.sqrt(s2 / v.length - mean * mean);
    }
}
