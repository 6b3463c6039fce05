package org.egolens.model.train;

import java.io.IOException;

/**
 * Training data as a pure function of the position in the run: micro-batch {@code k} of epoch {@code e} is always the
 * same, whatever happened before (so a resumed run sees exactly the data of an uninterrupted one, and several threads
 * may prepare batches ahead). Implementations are thread-safe.
 */
public interface BatchSource {
    /**
     * Micro-batch {@code index} (0-based) of {@code epoch}, with {@code size} pairs.
     *
     * @throws IOException if its clips cannot be read (the message names the clip)
     */
    TrainBatch batch(long epoch, long index, int size) throws IOException;

    /**
     * Micro-batches in one epoch for micro-batches of {@code size}, or 0 for an endless stream (the config's
     * {@code steps_per_epoch} then defines the epoch).
     */
    long batchesPerEpoch(int size);

    /** One line for the log: what the source reads and what it excluded at load. */
    String describe();
}
