package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EVA02-AT video tower ({@code visual.*}; eva02-at-spec §1.2 and §7): per-frame patch embedding, spatial table
 * {@code pos_embed} tiled over frames, temporal table {@code temporal_embed} repeated over the patches of a frame (paper
 * Eq. 7), one CLS token ({@code cls_token + pos_embed[0]}, no temporal term), joint space-time attention blocks with RoPE
 * on q/k of patch tokens, final LayerNorm, CLS, linear {@code head}.
 *
 * <p>Forward input {@code NDList(frames)}: {@code (B, 3, T, H, W)} with T = {@code numFrames} is the video path;
 * {@code (B, 3, H, W)} is the image path (T = 1, no temporal terms; equals EVA02-CLIP {@code encode_image}). Output
 * {@code NDList(features (B, E))}, not L2-normalised.
 */
public final class EvaVisionTransformer extends TorchModule {
    private final VisionConfig cfg;
    private final int numFrames;
    private final int embedDim;
    private final RopeMode ropeMode;
    private final Parameter clsToken;
    private final Parameter posEmbed;
    private final Parameter temporalEmbed;
    private final PatchEmbed patchEmbed;
    private final ModuleList<EvaBlock> blocks;
    private final TorchLayerNorm norm;
    private final TorchLinear head;
    private final Map<Integer, NDList> ropeCache = new HashMap<>();

    EvaVisionTransformer(VisionConfig cfg, int embedDim, int numFrames, RopeMode ropeMode) {
        this.cfg = cfg;
        this.numFrames = numFrames;
        this.embedDim = embedDim;
        this.ropeMode = ropeMode;
        int d = cfg.width();
        this.clsToken = param("cls_token", Parameter.Type.WEIGHT, Initializer.ZEROS, 1, 1, d);
        this.posEmbed = param("pos_embed", Parameter.Type.WEIGHT, Initializer.ZEROS, 1, 1 + cfg.patchesPerFrame(), d);
        this.temporalEmbed = param("temporal_embed", Parameter.Type.WEIGHT, Initializer.ZEROS, 1, numFrames, d);
        this.patchEmbed = addChildBlock("patch_embed", new PatchEmbed(3, cfg.patchSize(), d));
        this.blocks = addChildBlock("blocks", new ModuleList<>());
        for (int i = 0; i < cfg.layers(); i++) {
            blocks.add(new EvaBlock(cfg));
        }
        this.norm = addChildBlock("norm", new TorchLayerNorm(d, VisionConfig.NORM_EPS));
        this.head = addChildBlock("head", new TorchLinear(d, embedDim, true));
    }

    /** The tower's config. */
    public VisionConfig config() {
        return cfg;
    }

    /** T of the video path. */
    public int numFrames() {
        return numFrames;
    }

    /** Number of transformer blocks. */
    public int depth() {
        return blocks.items().size();
    }

    /**
     * The token sequence after the first {@code depth} blocks (0: the input of block 0, i.e. patch embeddings plus
     * positional tables with CLS prepended).
     *
     * @param frames   {@code (B, 3, T, H, W)}
     * @param temporal add {@code temporal_embed} (video path; requires T = numFrames) or not (image path, T = 1)
     * @return {@code (B, 1 + T·G², D)}, CLS first, then patches frame-major
     */
    public NDArray tokens(ParameterStore ps, NDArray frames, boolean temporal, int depth, boolean training) {
        return tokens(ps, frames, temporal, depth, training, null);
    }

    /**
     * {@link #tokens(ParameterStore, NDArray, boolean, int, boolean)} that also records the attention probabilities of
     * blocks 0 … depth−1 into {@code capture} (null: no capture, no extra cost).
     */
    NDArray tokens(ParameterStore ps, NDArray frames, boolean temporal, int depth, boolean training,
            AttentionCapture capture) {
        Shape s = frames.getShape();
        long b = s.get(0);
        int t = (int) s.get(2);
        if (s.get(3) != cfg.imageSize() || s.get(4) != cfg.imageSize()) {
            throw new IllegalArgumentException("frames are " + s.get(3) + "x" + s.get(4) + ", the model expects "
                    + cfg.imageSize() + "x" + cfg.imageSize());
        }
        if (temporal && t != numFrames) {
            throw new IllegalArgumentException("clip has " + t + " frames, the video tower was built for T = " + numFrames);
        }
        if (depth < 0 || depth > depth()) {
            throw new IllegalArgumentException("depth " + depth + " outside 0.." + depth());
        }
        long g2 = cfg.patchesPerFrame();
        long d = cfg.width();
        NDArray x = patchEmbed.apply(ps, frames, training).reshape(b, t, g2, d);
        NDArray pos = value(ps, posEmbed, frames, training);
        x = x.add(local(pos.get(":, 1:, :"), x).reshape(1, 1, g2, d));
        if (temporal) {
            x = x.add(local(value(ps, temporalEmbed, frames, training).reshape(1, t, 1, d), x));
        }
        x = x.reshape(b, t * g2, d);
        NDArray cls = local(value(ps, clsToken, frames, training).add(local(pos.get(":, :1, :"), x)), x);
        x = NDArrays.concat(new NDList(cls.broadcast(new Shape(b, 1, d)), x), 1);
        NDList tables = ropeTables(t, pos.getManager());
        List<EvaBlock> list = blocks.items();
        for (int i = 0; i < depth; i++) {
            NDList in = new NDList(1 + tables.size());
            in.add(x);
            in.addAll(tables);
            x = list.get(i).forward(ps, in, training, capture == null ? null : capture.params(i)).head();
        }
        return x;
    }

    /** Final LayerNorm on the CLS token, then {@code head}: {@code (B, N, D)} tokens → {@code (B, E)}. */
    public NDArray pool(ParameterStore ps, NDArray tokens, boolean training) {
        NDArray cls = tokens.get(":, 0, :");
        return head.apply(ps, norm.apply(ps, cls, training), training);
    }

    /** Tokens → features for a video ({@code temporal} true) or an image batch with T = 1. */
    public NDArray features(ParameterStore ps, NDArray frames, boolean temporal, boolean training) {
        return pool(ps, tokens(ps, frames, temporal, depth(), training), training);
    }

    /**
     * Cached RoPE tables for T frames: {@code (cosQ, sinQ, cosK, sinK)}, each {@code (1 + T·G², D)} (the per-head table of
     * {@link Rope#cosSinWithCls} repeated for every head), owned by the parameters' manager; empty for {@code NONE}.
     */
    private synchronized NDList ropeTables(int t, NDManager manager) {
        if (ropeMode == RopeMode.NONE) {
            return new NDList();
        }
        NDList cached = ropeCache.get(t);
        if (cached != null) {
            return cached;
        }
        int hd = cfg.headWidth();
        int g = cfg.grid();
        float scale = (float) Math.pow(hd, -0.5);
        float[][] q = Rope.cosSinWithCls(ropeMode, hd, t, g, cfg.ptHwSeqLen(), scale);
        float[][] k = Rope.cosSinWithCls(ropeMode, hd, t, g, cfg.ptHwSeqLen(), 1f);
        long rows = 1 + (long) t * g * g;
        Shape shape = new Shape(rows, cfg.width());
        NDList list = new NDList();
        for (float[] table : new float[][] {q[0], q[1], k[0], k[1]}) {
            NDArray a = manager.create(tileHeads(table, (int) rows, hd, cfg.heads()), shape);
            NDScope.unregister(a); // cached for the model's lifetime
            list.add(a);
        }
        ropeCache.put(t, list);
        return list;
    }

    private static float[] tileHeads(float[] table, int rows, int hd, int heads) {
        float[] out = new float[rows * hd * heads];
        for (int r = 0; r < rows; r++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(table, r * hd, out, (r * heads + h) * hd, hd);
            }
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray f = inputs.head();
        Shape s = f.getShape();
        if (s.dimension() == 4) {
            return new NDList(features(ps, f.reshape(s.get(0), s.get(1), 1, s.get(2), s.get(3)), false, training));
        }
        return new NDList(features(ps, f, true, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embedDim)};
    }
}
