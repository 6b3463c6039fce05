package org.egolens.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task bodies on daemon worker threads and their callbacks on the JavaFX application thread, with progress
 * throttled to 10 updates per second (the last update always arrives before the outcome).
 */
public final class FxTaskExecutor implements TaskExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);
    /** Minimum time between progress deliveries: 100 ms (10 Hz). */
    public static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    /** An executor with an unbounded pool of daemon workers named {@code egolens-task-N}. */
    public FxTaskExecutor() {
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newCachedThreadPool(r -> daemon(r, "egolens-task-" + n.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "egolens-progress-timer"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public <V> void execute(BackgroundTask<V> task) {
        ProgressThrottle<Progress> throttle = new ProgressThrottle<>(PROGRESS_INTERVAL_NANOS, System::nanoTime,
                (r, delay) -> {
                    if (delay <= 0) {
                        Platform.runLater(r);
                    } else {
                        timer.schedule(() -> Platform.runLater(r), delay, TimeUnit.NANOSECONDS);
                    }
                }, task::deliverProgress);
        task.setProgressSink(throttle::submit);
        workers.execute(() -> {
            V value = null;
            Exception error = null;
            try {
                value = task.runBody();
            } catch (Exception e) {
                error = e;
            } catch (Error e) {
                LOG.error("task '{}' died", task.title(), e);
                error = new RuntimeException(e.toString(), e);
            }
            V v = value;
            Exception err = error;
            Platform.runLater(() -> {
                throttle.flush();
                task.complete(v, err);
            });
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }
}
