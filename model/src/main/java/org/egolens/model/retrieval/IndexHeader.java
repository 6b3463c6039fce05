package org.egolens.model.retrieval;

import java.time.Instant;
import java.util.Objects;
import org.egolens.model.api.ModelDescriptor;

/**
 * What an index was built with, so that a query is embedded by the same model.
 *
 * @param modelId    preset name or model folder the embeddings came from ({@link ModelDescriptor#modelId()})
 * @param configHash hash of the model config ({@link ModelDescriptor#configHash()})
 * @param numFrames  T, frames sampled per clip
 * @param imageSize  H = W of the sampled frames, pixels
 * @param embedDim   D, embedding dimension
 * @param created    when the index was written
 */
public record IndexHeader(String modelId, String configHash, int numFrames, int imageSize, int embedDim, Instant created) {
    /** @throws IllegalArgumentException if a size is not positive */
    public IndexHeader {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(created, "created");
        if (numFrames <= 0 || imageSize <= 0 || embedDim <= 0) {
            throw new IllegalArgumentException("index header needs positive frames, image size and embed dim, got T="
                    + numFrames + ", size=" + imageSize + ", D=" + embedDim);
        }
    }

    /** Header for embeddings made by {@code model}, stamped {@code created}. */
    public static IndexHeader of(ModelDescriptor model, Instant created) {
        return new IndexHeader(model.modelId(), model.configHash(), model.numFrames(), model.imageSize(), model.embedDim(),
                created);
    }

    /** True when {@code model} produces embeddings comparable with this index (same config hash, T, size and D). */
    public boolean matches(ModelDescriptor model) {
        return configHash.equals(model.configHash()) && numFrames == model.numFrames() && imageSize == model.imageSize()
                && embedDim == model.embedDim();
    }
}
