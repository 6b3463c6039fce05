package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LN EVA-02 transformer block: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))} (no layer scale, as
 * EVA02-CLIP). Input {@code NDList(x, [RoPE tables])} as for {@link EvaAttention}; output {@code NDList(x')}, x
 * {@code (B, N, D)}. In inference, intermediates are freed when the block returns.
 */
final class EvaBlock extends TorchModule {
    private final TorchLayerNorm norm1;
    private final EvaAttention attn;
    private final TorchLayerNorm norm2;
    private final SwiGlu mlp;

    EvaBlock(VisionConfig c) {
        this.norm1 = addChildBlock("norm1", new TorchLayerNorm(c.width(), VisionConfig.NORM_EPS));
        this.attn = addChildBlock("attn", new EvaAttention(c.width(), c.heads()));
        this.norm2 = addChildBlock("norm2", new TorchLayerNorm(c.width(), VisionConfig.NORM_EPS));
        this.mlp = addChildBlock("mlp", new SwiGlu(c.width(), c.mlpHidden()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (training) {
            return new NDList(compute(ps, inputs, true, params));
        }
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = compute(ps, inputs, false, params);
            NDScope.unregister(out);
        }
        NDScope.register(out); // hand the result to the caller's scope, if any
        return new NDList(out);
    }

    /** {@code params} may carry an {@link AttentionCapture} tap for the attention (see {@link EvaAttention}). */
    private NDArray compute(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList attnIn = new NDList(inputs.size());
        attnIn.add(norm1.apply(ps, x, training));
        for (int i = 1; i < inputs.size(); i++) {
            attnIn.add(inputs.get(i));
        }
        NDArray h = x.add(attn.forward(ps, attnIn, training, params).head());
        return h.add(mlp.apply(ps, norm2.apply(ps, h, training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
