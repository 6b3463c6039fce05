package org.egolens.model.train;

import ai.djl.nn.Parameter;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.egolens.model.nn.ParameterNames;

/**
 * One parameter the optimiser updates, with its EVA-CLIP state-dict name and whether AdamW applies weight decay to it.
 *
 * @param name      state-dict key, e.g. {@code visual.blocks.0.attn.q_proj.weight}
 * @param parameter the DJL parameter (its array holds the value and, after a backward pass, the gradient)
 * @param decay     true if decoupled weight decay applies (spec §4 "optimizer details": none on biases, norms, position
 *                  and temporal embeddings, nor on the logit scale)
 */
public record TrainableParameter(String name, Parameter parameter, boolean decay) {
    /** Names of parameters that never get weight decay whatever their rank. */
    private static final Set<String> NO_DECAY_SUFFIXES = Set.of("pos_embed", "temporal_embed", "cls_token",
            "positional_embedding", "logit_scale");

    /** @throws NullPointerException on null arguments */
    public TrainableParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
    }

    /**
     * The weight-decay rule: rank &lt; 2 (biases, LayerNorm gains, scalars) or a position/temporal embedding, CLS token or
     * logit scale → no decay; every other matrix (linear and patch weights, the token embedding) → decay.
     */
    public static boolean decays(String name, long rank) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return rank >= 2 && !NO_DECAY_SUFFIXES.contains(last);
    }

    /**
     * The trainable parameters of a block in state-dict order: all of them except those named in {@code frozen}.
     *
     * @param root   the model block (initialised)
     * @param frozen names to leave out (they keep their values and get no gradient)
     * @throws IllegalArgumentException if a frozen name is not a parameter of the block
     */
    public static List<TrainableParameter> of(Block root, Set<String> frozen) {
        Map<String, Parameter> all = ParameterNames.of(root);
        for (String f : frozen) {
            if (!all.containsKey(f)) {
                throw new IllegalArgumentException("cannot freeze '" + f + "': no such parameter");
            }
        }
        List<TrainableParameter> out = new ArrayList<>();
        all.forEach((name, p) -> {
            if (!frozen.contains(name)) {
                out.add(new TrainableParameter(name, p, decays(name, p.getArray().getShape().dimension())));
            }
        });
        return List.copyOf(out);
    }
}
