package org.egolens.model.retrieval;

/**
 * Receives progress from a long build and tells it when to stop. Called from the building thread; implementations
 * must be cheap (a GUI throttles its own updates).
 */
public interface BuildMonitor {
    /** Monitor that ignores progress and never cancels. */
    BuildMonitor NONE = (done, total, message) -> {};

    /**
     * Progress so far.
     *
     * @param done    clips finished (embedded, reused or skipped)
     * @param total   clips in the build
     * @param message what just happened, e.g. the last clip id
     */
    void progress(int done, int total, String message);

    /** Polled between steps; returning true makes the build stop at the next batch boundary. */
    default boolean isCancelled() {
        return false;
    }
}
