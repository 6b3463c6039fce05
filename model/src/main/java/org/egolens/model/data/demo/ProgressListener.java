package org.egolens.model.data.demo;

/**
 * Receives progress of a long job such as {@link DemoDataset#generate}. May be called from worker threads; a GUI must
 * hand the values to its UI thread itself.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (fraction, message) -> {};

    /**
     * Reports progress.
     *
     * @param fraction share of the work done, 0 … 1 (non-decreasing)
     * @param message  what is happening, for a status line
     */
    void progress(double fraction, String message);
}
