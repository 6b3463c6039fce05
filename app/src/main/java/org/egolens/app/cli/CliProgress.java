package org.egolens.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.egolens.model.retrieval.BuildMonitor;

/**
 * Shows index build progress on the terminal: on a console one line redrawn in place at most 10 times a second,
 * otherwise (pipes, logs, tests) one line per 10 % step. Cancel is a flag set from elsewhere (e.g. a Ctrl-C hook).
 */
final class CliProgress implements BuildMonitor {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private final PrintWriter err;
    private final boolean console;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    CliProgress(PrintWriter err, boolean console) {
        this.err = err;
        this.console = console;
    }

    void cancel() {
        cancelled.set(true);
    }

    /** Restarts the elapsed-time clock (call when the work itself begins, e.g. after the model has loaded). */
    public synchronized void startClock() {
        start = System.nanoTime();
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public synchronized void progress(int done, int total, String message) {
        long now = System.nanoTime();
        double secs = (now - start) / 1e9;
        if (console) {
            if (now - lastDraw < MIN_INTERVAL_NANOS && done < total) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) done * width / total);
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d clips  %.0f s", "#".repeat(filled), ".".repeat(width - filled), done,
                    total, secs);
            if (done >= total) {
                err.println();
            }
            err.flush();
        } else {
            int decile = total == 0 ? 10 : (int) ((long) done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.printf(Locale.ROOT, "indexed %d/%d clips (%d%%) after %.1f s%n", done, total, decile * 10, secs);
                err.flush();
            }
        }
    }
}
