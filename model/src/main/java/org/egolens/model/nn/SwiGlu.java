package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * EVA-CLIP {@code SwiGLU} with sub-LN: {@code w3(ffn_ln(silu(w1 x) ⊙ (w2 x)))}; {@code (B, N, D)} → {@code (B, N, D)}, hidden
 * width {@code int(D · mlp_ratio)}.
 */
final class SwiGlu extends TorchModule {
    private final TorchLinear w1;
    private final TorchLinear w2;
    private final TorchLayerNorm ffnLn;
    private final TorchLinear w3;

    SwiGlu(int width, int hidden) {
        this.w1 = addChildBlock("w1", new TorchLinear(width, hidden, true));
        this.w2 = addChildBlock("w2", new TorchLinear(width, hidden, true));
        this.ffnLn = addChildBlock("ffn_ln", new TorchLayerNorm(hidden, VisionConfig.NORM_EPS));
        this.w3 = addChildBlock("w3", new TorchLinear(hidden, width, true));
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray gate = Scalars.swish(w1.apply(ps, x, training), 1f);
        NDArray h = gate.mul(w2.apply(ps, x, training));
        return w3.apply(ps, ffnLn.apply(ps, h, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
