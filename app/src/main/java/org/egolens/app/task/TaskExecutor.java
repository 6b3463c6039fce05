package org.egolens.app.task;

/** Runs {@link BackgroundTask}s: bodies off the UI thread, callbacks on it. */
public interface TaskExecutor extends AutoCloseable {
    /** Starts {@code task}; returns at once (the test executor runs it to completion first). */
    <V> void execute(BackgroundTask<V> task);

    /** Stops accepting tasks and interrupts running ones. */
    @Override
    void close();
}
