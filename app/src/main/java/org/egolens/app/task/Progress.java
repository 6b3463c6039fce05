package org.egolens.app.task;

/**
 * A progress snapshot.
 *
 * @param done    units done
 * @param total   units in all; ≤ 0 when unknown
 * @param message what is happening
 */
public record Progress(long done, long total, String message) {
    /** Fraction done in [0, 1], or −1 when indeterminate (the JavaFX convention). */
    public double fraction() {
        return total <= 0 ? -1 : Math.max(0, Math.min(1, (double) done / total));
    }
}
