package org.egolens.viewer.chart;

import java.util.Arrays;

/**
 * A growing (x, y) series with bounded memory for live charts: points arrive in increasing x (a training step) from
 * any thread; what is kept is a min/max-preserving down-sampling of them with at most {@link #capacity()} points.
 *
 * <p>Points are grouped into buckets of {@code k} consecutive points; each bucket keeps its first, lowest, highest and
 * last point. When the bucket count reaches its bound, neighbouring buckets merge pairwise and {@code k} doubles, so
 * memory stays O(capacity) and each point costs amortised O(1). A {@link #snapshot()} lists every bucket's lowest and
 * highest point in x order, plus the series' very first and very last point; so the global extremes (a loss spike, a
 * mAP peak) and every local extreme at the display's resolution survive, unlike with stride sampling. While fewer
 * points than the bucket bound have been added ({@code k = 1}) the snapshot is exact.
 *
 * <p>A point whose x is not after the last one <em>rewinds</em> the series first: the points at x or later are dropped
 * (a resumed training run rewrites the steps after its checkpoint; the last value per step wins). When {@code k > 1}
 * the bucket holding x is dropped whole, so up to {@code k - 1} points before x go too; the display is approximate
 * there by design. Non-finite values are ignored (a chart cannot draw them).
 *
 * <p>Thread-safe: writers and the display thread synchronise on this object; every operation is short.
 */
public final class BoundedSeries {
    /** Default capacity: 2 000 displayed points, enough for a full-width chart. */
    public static final int DEFAULT_CAPACITY = 2000;

    private final int capacity;
    private final int maxBuckets;
    private final double[] firstX;
    private final double[] firstY;
    private final double[] minX;
    private final double[] minY;
    private final double[] maxX;
    private final double[] maxY;
    private final double[] lastX;
    private final double[] lastY;
    private final long[] count;
    private int buckets;
    private long perBucket = 1;
    private long version;
    private long added;

    /**
     * Immutable copy of the displayed points.
     *
     * @param x       x values, strictly increasing
     * @param y       y values
     * @param version the series' change counter when the copy was taken
     * @param added   finite points added since creation or the last {@link #clear()} (rewound ones included)
     */
    public record Snapshot(double[] x, double[] y, long version, long added) {
        /** Number of points. */
        public int size() {
            return x.length;
        }
    }

    /** A series with {@link #DEFAULT_CAPACITY}. */
    public BoundedSeries() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity the most points a snapshot holds (at least 6)
     * @throws IllegalArgumentException if capacity is below 6
     */
    public BoundedSeries(int capacity) {
        if (capacity < 6) {
            throw new IllegalArgumentException("capacity must be at least 6, got " + capacity);
        }
        this.capacity = capacity;
        // two points per bucket plus the first and the last point; an even bound so that buckets merge in pairs
        int b = (capacity - 2) / 2;
        this.maxBuckets = b - (b % 2);
        firstX = new double[maxBuckets];
        firstY = new double[maxBuckets];
        minX = new double[maxBuckets];
        minY = new double[maxBuckets];
        maxX = new double[maxBuckets];
        maxY = new double[maxBuckets];
        lastX = new double[maxBuckets];
        lastY = new double[maxBuckets];
        count = new long[maxBuckets];
    }

    /** The most points a snapshot holds. */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds a point; rewinds first if x is not after the last point.
     *
     * @return false if the point was ignored because x or y is not finite
     */
    public synchronized boolean add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return false;
        }
        if (buckets > 0 && x <= lastX[buckets - 1]) {
            rewindTo(x);
        }
        if (buckets == 0 || count[buckets - 1] >= perBucket) {
            if (buckets == maxBuckets) {
                compact();
            }
            if (buckets == 0 || count[buckets - 1] >= perBucket) {
                open(buckets++, x, y);
            } else {
                extend(buckets - 1, x, y);
            }
        } else {
            extend(buckets - 1, x, y);
        }
        added++;
        version++;
        return true;
    }

    /** Removes the points at {@code x} or later (see the class comment for the resolution when down-sampled). */
    public synchronized void truncateFrom(double x) {
        if (buckets > 0 && x <= lastX[buckets - 1]) {
            rewindTo(x);
            version++;
        }
    }

    /** Removes every point and returns to full resolution. */
    public synchronized void clear() {
        buckets = 0;
        perBucket = 1;
        added = 0;
        version++;
    }

    /** Change counter: differs after any change, so a display can skip unchanged series cheaply. */
    public synchronized long version() {
        return version;
    }

    /** Points a snapshot would hold now. */
    public synchronized int size() {
        return points(null, null);
    }

    /** Points per bucket now (1 = exact; doubles at each compaction). */
    public synchronized long pointsPerBucket() {
        return perBucket;
    }

    /** True if no point is held. */
    public synchronized boolean isEmpty() {
        return buckets == 0;
    }

    /** The last point's x, or NaN when empty. */
    public synchronized double lastX() {
        return buckets == 0 ? Double.NaN : lastX[buckets - 1];
    }

    /** The last point's y, or NaN when empty. */
    public synchronized double lastY() {
        return buckets == 0 ? Double.NaN : lastY[buckets - 1];
    }

    /** Copies the displayed points. */
    public synchronized Snapshot snapshot() {
        int n = points(null, null);
        double[] xs = new double[n];
        double[] ys = new double[n];
        points(xs, ys);
        return new Snapshot(xs, ys, version, added);
    }

    private void open(int i, double x, double y) {
        firstX[i] = minX[i] = maxX[i] = lastX[i] = x;
        firstY[i] = minY[i] = maxY[i] = lastY[i] = y;
        count[i] = 1;
    }

    private void extend(int i, double x, double y) {
        if (y < minY[i]) {
            minX[i] = x;
            minY[i] = y;
        }
        if (y > maxY[i]) {
            maxX[i] = x;
            maxY[i] = y;
        }
        lastX[i] = x;
        lastY[i] = y;
        count[i]++;
    }

    /** Merges buckets pairwise (0+1, 2+3, …) and doubles the points per bucket. */
    private void compact() {
        int out = 0;
        for (int i = 0; i < buckets; i += 2) {
            if (i + 1 < buckets) {
                merge(i, i + 1, out);
            } else {
                copy(i, out);
            }
            out++;
        }
        buckets = out;
        perBucket *= 2;
    }

    private void merge(int a, int b, int to) {
        double fx = firstX[a];
        double fy = firstY[a];
        boolean minFromA = minY[a] <= minY[b];
        boolean maxFromA = maxY[a] >= maxY[b];
        double mnx = minFromA ? minX[a] : minX[b];
        double mny = minFromA ? minY[a] : minY[b];
        double mxx = maxFromA ? maxX[a] : maxX[b];
        double mxy = maxFromA ? maxY[a] : maxY[b];
        double lx = lastX[b];
        double ly = lastY[b];
        long c = count[a] + count[b];
        firstX[to] = fx;
        firstY[to] = fy;
        minX[to] = mnx;
        minY[to] = mny;
        maxX[to] = mxx;
        maxY[to] = mxy;
        lastX[to] = lx;
        lastY[to] = ly;
        count[to] = c;
    }

    private void copy(int from, int to) {
        firstX[to] = firstX[from];
        firstY[to] = firstY[from];
        minX[to] = minX[from];
        minY[to] = minY[from];
        maxX[to] = maxX[from];
        maxY[to] = maxY[from];
        lastX[to] = lastX[from];
        lastY[to] = lastY[from];
        count[to] = count[from];
    }

    private void rewindTo(double x) {
        while (buckets > 0 && firstX[buckets - 1] >= x) {
            buckets--;
        }
        if (buckets > 0 && lastX[buckets - 1] >= x) {
            buckets--; // holds points on both sides of x: drop it whole
        }
    }

    /** Writes the display points into xs/ys (when non-null) and returns their number. */
    private int points(double[] xs, double[] ys) {
        int n = 0;
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < buckets; i++) {
            double ax = minX[i] <= maxX[i] ? minX[i] : maxX[i];
            double ay = minX[i] <= maxX[i] ? minY[i] : maxY[i];
            double bx = minX[i] <= maxX[i] ? maxX[i] : minX[i];
            double by = minX[i] <= maxX[i] ? maxY[i] : minY[i];
            if (i == 0 && firstX[0] < ax) {
                n = put(xs, ys, n, firstX[0], firstY[0]);
                prev = firstX[0];
            }
            if (ax > prev) {
                n = put(xs, ys, n, ax, ay);
                prev = ax;
            }
            if (bx > prev) {
                n = put(xs, ys, n, bx, by);
                prev = bx;
            }
            if (i == buckets - 1 && lastX[i] > prev) {
                n = put(xs, ys, n, lastX[i], lastY[i]);
            }
        }
        return n;
    }

    private static int put(double[] xs, double[] ys, int n, double x, double y) {
        if (xs != null) {
            xs[n] = x;
            ys[n] = y;
        }
        return n + 1;
    }

    @Override
    public synchronized String toString() {
        return "BoundedSeries[" + points(null, null) + " of " + capacity + " points, " + added + " added, k="
                + perBucket + ", last=" + Arrays.toString(new double[] {lastX(), lastY()}) + "]";
    }
}
