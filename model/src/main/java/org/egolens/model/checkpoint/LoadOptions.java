package org.egolens.model.checkpoint;

import java.util.Objects;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.TemporalInit;
import org.egolens.model.tokenize.Tokenizer;

/**
 * How a checkpoint file becomes a model ({@link CheckpointLoader}). Immutable; start from {@link #defaults()}.
 *
 * @param config       the architecture; null: {@code config.json} beside the checkpoint, else inferred from the tensor
 *                     shapes ({@link ConfigInference})
 * @param numFrames    T of the video tower; ≤ 0: the checkpoint's {@code temporal_embed} length, else the config's
 * @param embedDim     E of the joint space; ≤ 0: the config's. When this or an explicit {@code config} asks for
 *                     another E than the checkpoint's heads have, new projection heads are created (image EVA02-CLIP
 *                     512 → EVA02-AT 256); a config found beside the file must match the heads
 * @param temporalInit value of a new temporal table (image checkpoints)
 * @param seed         seed of new heads / temporal table
 * @param tokenizer    for {@code encodeTexts}; null: a vocabulary beside the checkpoint, if any
 */
public record LoadOptions(ModelConfig config, int numFrames, int embedDim, TemporalInit temporalInit, long seed,
        Tokenizer tokenizer) {
    /** @throws NullPointerException if {@code temporalInit} is null */
    public LoadOptions {
        Objects.requireNonNull(temporalInit, "temporalInit");
    }

    /** No config, T and E from the checkpoint, zero temporal table, seed {@link ModelFactory#PRESET_SEED}. */
    public static LoadOptions defaults() {
        return new LoadOptions(null, 0, 0, TemporalInit.ZEROS, ModelFactory.PRESET_SEED, null);
    }

    /** With an explicit config. */
    public LoadOptions withConfig(ModelConfig c) {
        return new LoadOptions(c, numFrames, embedDim, temporalInit, seed, tokenizer);
    }

    /** With T (≤ 0: from the checkpoint or config). */
    public LoadOptions withNumFrames(int t) {
        return new LoadOptions(config, t, embedDim, temporalInit, seed, tokenizer);
    }

    /** With E (≤ 0: the config's). */
    public LoadOptions withEmbedDim(int e) {
        return new LoadOptions(config, numFrames, e, temporalInit, seed, tokenizer);
    }

    /** With another temporal-table initialisation. */
    public LoadOptions withTemporalInit(TemporalInit t) {
        return new LoadOptions(config, numFrames, embedDim, t, seed, tokenizer);
    }

    /** With another seed. */
    public LoadOptions withSeed(long s) {
        return new LoadOptions(config, numFrames, embedDim, temporalInit, s, tokenizer);
    }

    /** With a tokenizer. */
    public LoadOptions withTokenizer(Tokenizer t) {
        return new LoadOptions(config, numFrames, embedDim, temporalInit, seed, t);
    }
}
