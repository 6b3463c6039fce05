package org.egolens.app.task;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Coalesces a fast stream of updates into at most one delivery per interval (10 Hz for the GUI), always delivering the
 * latest value eventually. {@link #submit} may be called from any thread; deliveries run where the {@link Scheduler}
 * puts them (the FX thread in the application).
 *
 * @param <P> update type
 */
public final class ProgressThrottle<P> {
    /** Runs a delivery after a delay (0 = as soon as possible) on the delivery thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable r, long delayNanos);
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Scheduler scheduler;
    private final Consumer<P> sink;
    private final AtomicReference<P> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastDelivery = Long.MIN_VALUE / 2;

    /**
     * @param intervalNanos minimum time between deliveries
     * @param clock         nanosecond clock ({@code System::nanoTime})
     * @param scheduler     runs deliveries
     * @param sink          receives updates
     */
    public ProgressThrottle(long intervalNanos, LongSupplier clock, Scheduler scheduler, Consumer<P> sink) {
        this.intervalNanos = intervalNanos;
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.sink = Objects.requireNonNull(sink);
    }

    /** Records {@code p}; schedules a delivery unless one is pending. */
    public void submit(P p) {
        latest.set(p);
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastDelivery + intervalNanos - clock.getAsLong());
            scheduler.schedule(this::deliver, wait);
        }
    }

    /** Delivers the latest update now if one was not delivered yet (call on the delivery thread). */
    public void flush() {
        P p = latest.getAndSet(null);
        if (p != null) {
            lastDelivery = clock.getAsLong();
            sink.accept(p);
        }
    }

    private void deliver() {
        scheduled.set(false);
        flush();
    }
}
