package org.egolens.app.ui.train;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A trainer process working on one run folder, started by a {@link TrainingLauncher} or re-attached by its pid.
 */
public interface TrainingProcess {
    /** The operating-system process id. */
    long pid();

    /** True while the process runs. */
    boolean isAlive();

    /**
     * Asks the trainer to stop: SIGTERM on POSIX systems. The trainer finishes its current step, writes a checkpoint and
     * status "stopped", and exits with 130. Returns at once.
     */
    void stop();

    /** Kills the process without letting it checkpoint (SIGKILL). For tests and as a last resort. */
    void kill();

    /** Completes when the process has exited, with its exit code when known (a re-attached process has none). */
    CompletableFuture<OptionalInt> exit();
}
