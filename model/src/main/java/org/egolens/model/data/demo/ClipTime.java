package org.egolens.model.data.demo;

/**
 * Normalised time inside a clip, kept as the pair (s, r) = (elapsed, remaining) with s + r = 1. The scene model only
 * uses functions that are symmetric under swapping the pair together with a clip's start and end, and frame times are
 * computed from integers on both sides, so frame {@code t} of a clip and frame {@code T−1−t} of its mirror clip see
 * exactly swapped values (no rounding difference).
 *
 * @param s elapsed fraction, 0 … 1
 * @param r remaining fraction, 0 … 1
 */
public record ClipTime(double s, double r) {
    /** @throws IllegalArgumentException if s or r lies outside [0, 1] */
    public ClipTime {
        if (!(s >= 0 && s <= 1 && r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("clip time (" + s + ", " + r + ") outside [0, 1]");
        }
    }

    /**
     * Time of frame {@code t} of a clip of {@code frames} frames: s = t/(T−1), r = (T−1−t)/(T−1).
     *
     * @throws IllegalArgumentException if {@code t} is not in [0, frames) or frames &lt; 2
     */
    public static ClipTime ofFrame(int t, int frames) {
        if (frames < 2 || t < 0 || t >= frames) {
            throw new IllegalArgumentException("frame " + t + " of a " + frames + "-frame clip");
        }
        double n = frames - 1;
        return new ClipTime(t / n, (frames - 1 - t) / n);
    }

    /** Time at elapsed fraction {@code s} (r = 1 − s). */
    public static ClipTime of(double s) {
        return new ClipTime(s, 1 - s);
    }

    /** The same instant seen from the end of the clip: (r, s). */
    public ClipTime reversed() {
        return new ClipTime(r, s);
    }
}
