package org.egolens.app.ui.train;

import java.util.Locale;
import org.egolens.model.train.run.RunState;

/**
 * What the runs list shows for a run: the trainer's {@link RunState} combined with what the GUI knows about the process.
 */
public enum RunPhase {
    /** A process runs but has not reported "running" yet (JVM start, model load, checkpoint restore). */
    STARTING,
    /** Training. */
    RUNNING,
    /** Stop was requested; the trainer is finishing its step and writing a checkpoint. */
    STOPPING,
    /** Stopped with a checkpoint; can be resumed. */
    STOPPED,
    /** Done. */
    FINISHED,
    /** The trainer reported a failure (error or NaN). */
    FAILED,
    /** The process ended while its status still said running (killed, out of memory, crashed). */
    CRASHED,
    /** No status written yet and no process known. */
    UNKNOWN;

    /**
     * Combines the run's state with the process' state.
     *
     * @param state    the last state the trainer wrote, or null if none yet
     * @param live     a trainer process for the run is alive
     * @param stopping stop was requested and the process is still alive
     * @param exited   the GUI saw the run's process exit (since its last launch)
     */
    public static RunPhase of(RunState state, boolean live, boolean stopping, boolean exited) {
        if (live) {
            if (stopping) {
                return STOPPING;
            }
            return state == RunState.RUNNING ? RUNNING : STARTING;
        }
        if (state == null) {
            return exited ? CRASHED : UNKNOWN;
        }
        return switch (state) {
            case RUNNING -> exited ? CRASHED : RUNNING;
            case STOPPED -> STOPPED;
            case FINISHED -> FINISHED;
            case FAILED -> FAILED;
        };
    }

    /** Lower-case label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if a stopped/failed/crashed run may be resumed (given a checkpoint). */
    public boolean resumable() {
        return this == STOPPED || this == FAILED || this == CRASHED;
    }
}
