package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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
 * {@link Rope#cosSinWithCls} tiled over the heads to {@code (N, D)} ({@code cosQ/sinQ} already scaled by
 * {@code d_h^−1/2}); x is {@code (B, N, D)}. Output {@code (B, N, D)}.
 *
 * <p>When the forward parameters carry an {@link AttentionCapture} tap (key {@link AttentionCapture#PARAM}), every block of
 * probabilities {@code softmax(q kᵀ)} is handed to it before it is freed; without one nothing extra is computed or kept.
 */
final class EvaAttention extends TorchModule {
    /** Largest score block (floats) materialised at once by {@link #attend}: 2^24 = 64 MiB. */
    static final long SCORE_BLOCK = 1L << 24;

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
        NDArray q = qProj.apply(ps, x, value(ps, qBias, x, training), training);
        NDArray k = kProj.apply(ps, x, training);
        NDArray v = vProj.apply(ps, x, value(ps, vBias, x, training), training);
        if (inputs.size() >= 5) {
            // rotation before the product; q's table carries the d_h^-1/2 scale (EVA scales q after RoPE)
            q = rotate(q, inputs.get(1), inputs.get(2), training);
            k = rotate(k, inputs.get(3), inputs.get(4), training);
        } else {
            q = Scalars.mul(q, scale);
        }
        NDArray qh = q.reshape(b, n, heads, headDim).transpose(0, 2, 1, 3); // (B, H, N, d)
        NDArray kt = k.reshape(b, n, heads, headDim).transpose(0, 2, 3, 1); // (B, H, d, N)
        NDArray vh = v.reshape(b, n, heads, headDim).transpose(0, 2, 1, 3); // (B, H, N, d)
        AttentionCapture.LayerTap tap = AttentionCapture.tapOf(params);
        NDArray o = attend(qh, kt, vh, b * heads * n, training, tap);
        if (tap != null) {
            tap.finish();
        }
        o = o.transpose(0, 2, 1, 3).reshape(b, n, d);
        o = innerAttnLn.apply(ps, o, training);
        return new NDList(proj.apply(ps, o, training));
    }

    /** {@link #attend(NDArray, NDArray, NDArray, long, boolean, AttentionCapture.LayerTap)} without capture. */
    static NDArray attend(NDArray q, NDArray kt, NDArray v, long rowWidth, boolean training) {
        return attend(q, kt, v, rowWidth, training, null);
    }

    /**
     * {@code softmax(q kᵀ) v} for {@code q (B, H, N, d)}, {@code kt (B, H, d, N)}, {@code v (B, H, N, d)}. Long sequences
     * are processed in blocks of query rows so that one block of scores stays below {@link #SCORE_BLOCK} floats (a
     * 16-frame B/16 clip would otherwise hold two 470 MB score tensors at once). Each block's scores, probabilities and
     * output handles are closed as soon as they are used, in training too: libtorch's autograd keeps its own reference
     * to what the backward pass needs (the probabilities, q, kᵀ and v), so closing frees the scores, {@code B·H·N²}
     * floats per layer, at once instead of at the end of the training step (measured in {@code BENCHMARKS.md}).
     *
     * @param rowWidth B·H·N, floats of one query row over all heads and clips
     * @param tap      receives each block of probabilities {@code (B, H, rows, N)} before it is freed; null (the normal
     *                 case) for no capture
     */
    static NDArray attend(NDArray q, NDArray kt, NDArray v, long rowWidth, boolean training,
            AttentionCapture.LayerTap tap) {
        long n = q.getShape().get(2);
        long rows = Math.max(1, SCORE_BLOCK / Math.max(1, rowWidth));
        if (rows >= n) {
            return softmaxProduct(q, kt, v, tap, 0);
        }
        NDList parts = new NDList();
        for (long start = 0; start < n; start += rows) {
            long end = Math.min(n, start + rows);
            NDArray qs = q.get(new NDIndex(":, :, {}:{}, :", start, end));
            parts.add(softmaxProduct(qs, kt, v, tap, start));
            qs.close();
        }
        NDArray out = NDArrays.concat(parts, 2);
        parts.close();
        return out;
    }

    private static NDArray softmaxProduct(NDArray q, NDArray kt, NDArray v,
            AttentionCapture.LayerTap tap, long rowStart) {
        NDArray scores = q.matMul(kt);
        NDArray probs = scores.softmax(-1);
        scores.close();
        if (tap != null) {
            tap.accept(rowStart, probs);
        }
        NDArray o = probs.matMul(v);
        probs.close();
        return o;
    }

    /**
     * {@code x ⊙ cos + pairSwap(x) ⊙ sinSigned} on {@code (B, N, D)} with tables {@code (N, D)} (the per-head table tiled
     * over heads); {@code pairSwap} exchanges the channels of every interleaved pair (2m, 2m+1).
     */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sinSigned, boolean training) {
        Shape s = x.getShape();
        NDArray swapped = x.reshape(s.get(0), s.get(1), s.get(2) / 2, 2).flip(3).reshape(s);
        NDArray out = x.mul(cos);
        if (training) {
            return out.add(swapped.mul(sinSigned));
        }
        swapped.muli(sinSigned);
        out.addi(swapped);
        swapped.close();
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
