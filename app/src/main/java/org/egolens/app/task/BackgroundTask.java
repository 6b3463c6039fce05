package org.egolens.app.task;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A unit of background work with progress, a message and a cancel flag, independent of JavaFX (so logic and view models
 * are testable). A {@link TaskExecutor} runs the body on a worker thread and calls the callbacks on the UI thread (or,
 * in tests, on the calling thread). Callbacks are set fluently before execution:
 * <pre>{@code
 * BackgroundTask.of("Indexing", ctx -> builder.build(clips, file, monitor(ctx)))
 *     .onProgress(p -> bar.setProgress(p.fraction()))
 *     .onSuccess(result -> show(result))
 *     .onFailure(e -> status(e.getMessage()))
 *     .executeWith(executor);
 * }</pre>
 * A body that throws {@link CancellationException} (or any exception after {@link #cancel()}) ends in
 * {@link #onCancelled}, not {@link #onFailure}. Exactly one of success, failure or cancelled is called, then finished.
 *
 * @param <V> result type
 */
public final class BackgroundTask<V> implements TaskContext {
    /** The work. */
    @FunctionalInterface
    public interface Body<V> {
        /** Runs on a worker thread. */
        V run(TaskContext ctx) throws Exception;
    }

    private final String title;
    private final Body<V> body;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Progress> progress = new AtomicReference<>(new Progress(0, -1, ""));
    private volatile Consumer<Progress> progressSink = p -> {};
    private Consumer<V> onSuccess = v -> {};
    private Consumer<Exception> onFailure = e -> {};
    private Runnable onCancelled = () -> {};
    private Runnable onFinished = () -> {};
    private Consumer<Progress> onProgress = p -> {};

    private BackgroundTask(String title, Body<V> body) {
        this.title = Objects.requireNonNull(title, "title");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** A task named {@code title} (shown in the status bar) running {@code body}. */
    public static <V> BackgroundTask<V> of(String title, Body<V> body) {
        return new BackgroundTask<>(title, body);
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** Called (UI thread) with the result. */
    public BackgroundTask<V> onSuccess(Consumer<V> c) {
        onSuccess = Objects.requireNonNull(c);
        return this;
    }

    /** Called (UI thread) when the body threw. */
    public BackgroundTask<V> onFailure(Consumer<Exception> c) {
        onFailure = Objects.requireNonNull(c);
        return this;
    }

    /** Called (UI thread) when the task was cancelled. */
    public BackgroundTask<V> onCancelled(Runnable r) {
        onCancelled = Objects.requireNonNull(r);
        return this;
    }

    /** Called (UI thread) after success, failure or cancel. */
    public BackgroundTask<V> onFinished(Runnable r) {
        onFinished = Objects.requireNonNull(r);
        return this;
    }

    /** Called (UI thread, throttled by the executor) with progress. */
    public BackgroundTask<V> onProgress(Consumer<Progress> c) {
        onProgress = Objects.requireNonNull(c);
        return this;
    }

    /** Hands the task to {@code executor}; returns this for chaining. */
    public BackgroundTask<V> executeWith(TaskExecutor executor) {
        executor.execute(this);
        return this;
    }

    /** Requests cancellation; the body sees {@link #isCancelled()}. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void updateProgress(long done, long total) {
        Progress p = progress.updateAndGet(o -> new Progress(done, total, o.message()));
        progressSink.accept(p);
    }

    @Override
    public void updateProgress(long done, long total, String message) {
        Progress p = new Progress(done, total, message);
        progress.set(p);
        progressSink.accept(p);
    }

    @Override
    public void updateMessage(String message) {
        Progress p = progress.updateAndGet(o -> new Progress(o.done(), o.total(), message));
        progressSink.accept(p);
    }

    /** Latest progress. */
    public Progress progress() {
        return progress.get();
    }

    // ---- for executors ----

    /** Runs the body on the current thread (executors call this on a worker). */
    V runBody() throws Exception {
        if (cancelled.get()) {
            throw new CancellationException(title + " cancelled before it started");
        }
        return body.run(this);
    }

    /** Where raw progress goes (set by the executor before running). */
    void setProgressSink(Consumer<Progress> sink) {
        progressSink = Objects.requireNonNull(sink);
    }

    /** Delivers progress to the UI callback. */
    void deliverProgress(Progress p) {
        onProgress.accept(p);
    }

    /** Delivers the outcome (UI thread). */
    void complete(V value, Exception error) {
        try {
            if (error == null) {
                onSuccess.accept(value);
            } else if (error instanceof CancellationException || cancelled.get()) {
                onCancelled.run();
            } else {
                onFailure.accept(error);
            }
        } finally {
            onFinished.run();
        }
    }
}
