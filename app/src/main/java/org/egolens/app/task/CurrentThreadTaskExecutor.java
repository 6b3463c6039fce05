package org.egolens.app.task;

/**
 * Runs tasks synchronously on the calling thread, callbacks included, with every progress update delivered. For tests
 * and for the CLI.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <V> void execute(BackgroundTask<V> task) {
        task.setProgressSink(task::deliverProgress);
        V value = null;
        Exception error = null;
        try {
            value = task.runBody();
        } catch (Exception e) {
            error = e;
        }
        task.complete(value, error);
    }

    @Override
    public void close() {}
}
