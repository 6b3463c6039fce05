package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * EVA-02 attention with sub-LN (EVA-CLIP {@code Attention}, subln=True; paper Eq. 10): separate bias-free
 * {@code q_proj}/{@code k_proj}/{@code v_proj} with extra {@code q_bias} and {@code v_bias} (k has none), RoPE on q and k of
 * the patch tokens, softmax attention over all tokens, {@code inner_attn_ln}, then {@code proj}.
 *
 * <p>Input {@code NDList(x)} without RoPE or {@code NDList(x, cosQ, sinQ, cosK, sinK)} with the tables of
 * {@link Rope#cosSinWithCls} as {@code (N, 1, d_h)} arrays ({@code cosQ/sinQ} already scaled by {@code d_h^−1/2}); x is
 * {@code (B, N, D)}. Output {@code (B, N, D)}.
 */
final class EvaAttention extends TorchModule {
    private final int heads;
    private final int headDim;
    private final float scale;
    private final Parameter qBias;
    private final Parameter vBias;
    private final TorchLinear qProj;
    private final TorchLinear kProj;
    private final TorchLinear vProj;
    private final TorchLayerNorm innerAttnLn;
    private final TorchLinear proj;

    EvaAttention(int width, int heads) {
        this.heads = heads;
        this.headDim = width / heads;
        this.scale = (float) Math.pow(headDim, -0.5);
        this.qBias = param("q_bias", Parameter.Type.BIAS, Initializer.ZEROS, width);
        this.vBias = param("v_bias", Parameter.Type.BIAS, Initializer.ZEROS, width);
        this.qProj = addChildBlock("q_proj", new TorchLinear(width, width, false));
        this.kProj = addChildBlock("k_proj", new TorchLinear(width, width, false));
        this.vProj = addChildBlock("v_proj", new TorchLinear(width, width, false));
        this.innerAttnLn = addChildBlock("inner_attn_ln", new TorchLayerNorm(width, VisionConfig.NORM_EPS));
        this.proj = addChildBlock("proj", new TorchLinear(width, width, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2);
        Shape split = new Shape(b, n, heads, headDim);
        NDArray q = qProj.apply(ps, x, value(ps, qBias, x, training), training).reshape(split);
        NDArray k = kProj.apply(ps, x, training).reshape(split);
        NDArray v = vProj.apply(ps, x, value(ps, vBias, x, training), training).reshape(split);
        if (inputs.size() >= 5) {
            q = rotate(q, inputs.get(1), inputs.get(2));
            k = rotate(k, inputs.get(3), inputs.get(4));
        } else {
            q = q.mul(scale);
        }
        // (B, H, N, d) @ (B, H, d, N): q was scaled before the product (EVA scales after RoPE)
        NDArray scores = q.transpose(0, 2, 1, 3).matMul(k.transpose(0, 2, 3, 1));
        NDArray probs = scores.softmax(-1);
        if (!training) {
            scores.close();
        }
        NDArray o = probs.matMul(v.transpose(0, 2, 1, 3));
        if (!training) {
            probs.close();
        }
        o = o.transpose(0, 2, 1, 3).reshape(b, n, d);
        o = innerAttnLn.apply(ps, o, training);
        return new NDList(proj.apply(ps, o, training));
    }

    /** {@code x ⊙ cos + pairSwap(x) ⊙ sinSigned} on {@code (B, N, H, d)} with tables {@code (N, 1, d)}. */
    private NDArray rotate(NDArray x, NDArray cos, NDArray sinSigned) {
        Shape s = x.getShape();
        NDArray swapped = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2).flip(4).reshape(s);
        return x.mul(cos).add(swapped.mul(sinSigned));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
