package org.egolens.app.task;

/** What a running {@link BackgroundTask} body sees: progress reporting and its cancel flag. Thread-safe. */
public interface TaskContext {
    /** Reports {@code done} of {@code total} units (total ≤ 0 means indeterminate). */
    void updateProgress(long done, long total);

    /** Reports progress and message together, so that the UI never sees one without the other. */
    void updateProgress(long done, long total, String message);

    /** Reports what the task is doing. */
    void updateMessage(String message);

    /** True once cancel was requested; long bodies poll it and stop. */
    boolean isCancelled();
}
