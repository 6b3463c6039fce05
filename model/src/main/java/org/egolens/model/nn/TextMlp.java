package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CLIP text MLP: {@code c_proj(act(c_fc(x)))} with exact (erf) GELU, or QuickGELU {@code x·σ(1.702x)} for OpenAI
 * weights; {@code (N, L, W)} → {@code (N, L, W)}.
 */
final class TextMlp extends TorchModule {
    private final TorchLinear cFc;
    private final TorchLinear cProj;
    private final boolean quickGelu;

    TextMlp(int width, int hidden, boolean quickGelu) {
        this.quickGelu = quickGelu;
        this.cFc = addChildBlock("c_fc", new TorchLinear(width, hidden, true));
        this.cProj = addChildBlock("c_proj", new TorchLinear(hidden, width, true));
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = cFc.apply(ps, x, training);
        h = quickGelu ? Scalars.swish(h, 1.702f) : Activation.gelu(h);
        return cProj.apply(ps, h, training);
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
