package org.egolens.app.ui.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts trainer processes for the Train tab: {@code egolens train --config FILE --run-dir DIR} for a new run and
 * {@code egolens train --resume RUNDIR} to continue a stopped one (training run contract, "Commands"). A separate process
 * keeps a crashing trainer from taking the GUI down and lets runs outlive the GUI. Tests substitute a fake trainer.
 */
public interface TrainingLauncher {
    /**
     * Starts training a new run.
     *
     * @param configFile the config (YAML, the contract's keys)
     * @param runDir     the run folder (exists; holds the config)
     * @return the started process
     * @throws IOException if the process cannot be started
     */
    TrainingProcess start(Path configFile, Path runDir) throws IOException;

    /**
     * Resumes a run from its latest checkpoint.
     *
     * @param runDir the run folder
     * @return the started process
     * @throws IOException if the process cannot be started
     */
    TrainingProcess resume(Path runDir) throws IOException;
}
