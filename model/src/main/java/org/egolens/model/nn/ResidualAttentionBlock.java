package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CLIP text block: {@code x + attn(ln_1(x), mask)}, then {@code x + mlp(ln_2(x))}. Input {@code NDList(x (N, L, W), mask)};
 * output {@code NDList(x')}. In inference, intermediates are freed when the block returns.
 */
final class ResidualAttentionBlock extends TorchModule {
    private final TorchLayerNorm ln1;
    private final TextMultiheadAttention attn;
    private final TorchLayerNorm ln2;
    private final TextMlp mlp;

    ResidualAttentionBlock(TextConfig c, boolean quickGelu) {
        this.ln1 = addChildBlock("ln_1", new TorchLayerNorm(c.width(), TextConfig.NORM_EPS));
        this.attn = addChildBlock("attn", new TextMultiheadAttention(c.width(), c.heads()));
        this.ln2 = addChildBlock("ln_2", new TorchLayerNorm(c.width(), TextConfig.NORM_EPS));
        this.mlp = addChildBlock("mlp", new TextMlp(c.width(), c.mlpHidden(), quickGelu));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (training) {
            return new NDList(compute(ps, inputs, true));
        }
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = compute(ps, inputs, false);
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return new NDList(out);
    }

    private NDArray compute(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = inputs.get(0);
        NDList attnIn = new NDList(ln1.apply(ps, x, training));
        if (inputs.size() > 1) {
            attnIn.add(inputs.get(1));
        }
        NDArray h = x.add(attn.forward(ps, attnIn, training, null).head());
        return h.add(mlp.apply(ps, ln2.apply(ps, h, training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
