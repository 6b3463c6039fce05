package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.MultiheadAttention} as used by the CLIP text tower: fused {@code in_proj_weight (3W, W)} /
 * {@code in_proj_bias (3W)}, scaled dot-product attention with an additive mask, {@code out_proj}.
 *
 * <p>Input {@code NDList(x (N, L, W), mask (L, L))} (mask optional, added to the scores, −∞ where a token may not look);
 * output {@code (N, L, W)}.
 */
final class TextMultiheadAttention extends TorchModule {
    private final int width;
    private final int heads;
    private final float scale;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final TorchLinear outProj;

    TextMultiheadAttention(int width, int heads) {
        this.width = width;
        this.heads = heads;
        this.scale = (float) Math.pow(width / heads, -0.5);
        this.inProjWeight = param("in_proj_weight", Parameter.Type.WEIGHT, Initializer.ZEROS, 3L * width, width);
        this.inProjBias = param("in_proj_bias", Parameter.Type.BIAS, Initializer.ZEROS, 3L * width);
        this.outProj = addChildBlock("out_proj", new TorchLinear(width, width, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long n = x.getShape().get(0);
        long l = x.getShape().get(1);
        NDArray qkv = Linear.linear(x, value(ps, inProjWeight, x, training), value(ps, inProjBias, x, training)).head()
                .reshape(n, l, 3, heads, width / heads).transpose(2, 0, 3, 1, 4); // (3, N, H, L, d)
        NDArray q = Scalars.mul(qkv.get(0), scale);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (inputs.size() > 1) {
            scores = scores.add(inputs.get(1));
        }
        NDArray o = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, l, width);
        return new NDList(outProj.apply(ps, o, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
