package org.egolens.model.inspect;

import java.util.function.IntConsumer;
import org.egolens.model.data.FrameBatch;

/**
 * Captures the video tower's attention for one clip. The implementation over the EVA02-AT model is
 * {@link ModelAttentionProbe}; a backend hands one out for its model. Calls are serialised; close releases the model.
 */
public interface AttentionProbe extends AutoCloseable {
    /** The model's name (preset or folder). */
    String modelId();

    /** T, frames per clip the video tower takes. */
    int numFrames();

    /** H = W of an input frame, pixels. */
    int imageSize();

    /** p, patch side, pixels. */
    int patchSize();

    /** Number of transformer blocks. */
    int layers();

    /** Attention heads per block. */
    int heads();

    /** The token layout of a clip: T frames, G = imageSize / patchSize. */
    default TokenGrid grid() {
        return new TokenGrid(numFrames(), imageSize() / patchSize());
    }

    /**
     * Runs the video tower on one clip and captures its attention. Small models capture every row of every head (any
     * query can be shown afterwards); large ones capture the per-head rows of {@code query} and the head-mean matrices
     * (mean and rollout maps from any query; per-head maps of another query need another call). See
     * {@link AttentionMaps#supports}.
     *
     * @param clip      {@code (1, 3, T, H, W)}, CLIP-normalised
     * @param query     the query whose per-head rows must be captured
     * @param layerDone called with each finished layer index (progress); may be null
     * @throws IllegalArgumentException if the clip does not fit the model, or even the smallest capture exceeds the
     *                                  memory limit (the message gives the sizes)
     */
    AttentionMaps capture(FrameBatch clip, QueryToken query, IntConsumer layerDone);

    @Override
    void close();
}
