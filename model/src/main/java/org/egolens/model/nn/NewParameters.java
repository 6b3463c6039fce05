package org.egolens.model.nn;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which parameters a checkpoint load may create instead of loading, and how: the projection heads when the joint
 * embedding size changes (e.g. EVA02-CLIP-B 512 → EVA02-AT 256), and the temporal table of an image checkpoint.
 * Everything else (the backbone) must come from the checkpoint with the right shape, or the load is refused.
 *
 * @param keys          EVA-CLIP names that may be missing or mis-shaped; they keep their seeded initial values
 *                      ({@link ParameterInit}): {@code visual.head.weight} truncated normal 0.02, {@code visual.head.bias}
 *                      zeros, {@code text.text_projection} normal {@code W^−1/2}
 * @param temporalInit  value of a {@code visual.temporal_embed} the checkpoint lacks
 * @param seed          seed of the random initial values
 */
public record NewParameters(Set<String> keys, TemporalInit temporalInit, long seed) {
    /** The projection heads of the two towers (created fresh when the embedding size changes). */
    public static final Set<String> HEADS = Set.of("visual.head.weight", "visual.head.bias", "text.text_projection");

    /** Strict: nothing new, a missing temporal table becomes zeros, seed {@link ModelFactory#PRESET_SEED}. */
    public static final NewParameters NONE = new NewParameters(Set.of(), TemporalInit.ZEROS, ModelFactory.PRESET_SEED);

    /** @throws NullPointerException for null keys or init */
    public NewParameters {
        keys = Set.copyOf(keys);
        Objects.requireNonNull(temporalInit, "temporalInit");
    }

    /** The same with the projection heads added. */
    public NewParameters withHeads() {
        Set<String> k = new LinkedHashSet<>(keys);
        k.addAll(HEADS);
        return new NewParameters(k, temporalInit, seed);
    }
}
