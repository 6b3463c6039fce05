package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;

/**
 * The CLIP text tower of EVA-CLIP's {@code CustomCLIP} ({@code text.*}; eva02-at-spec §1.3): token embedding plus
 * {@code positional_embedding}, causal residual attention blocks, {@code ln_final}, pooling at the first position holding
 * the largest id (the EOT token, {@code text.argmax(-1)}), then {@code x @ text_projection} (no bias).
 *
 * <p>Forward input {@code NDList(ids)} int64 {@code (N, L)} with L ≤ context length; output {@code NDList((N, E))}, not
 * L2-normalised. Because the mask is causal, the EOT output does not depend on later positions, so {@link #features}
 * runs only the first {@code max(eot) + 1} positions.
 */
public final class ClipTextTransformer extends TorchModule {
    private final TextConfig cfg;
    private final Parameter positionalEmbedding;
    private final Parameter textProjection;
    private final TorchEmbedding tokenEmbedding;
    private final ModuleList<ResidualAttentionBlock> resblocks;
    private final TorchLayerNorm lnFinal;

    ClipTextTransformer(TextConfig cfg, int embedDim, boolean quickGelu) {
        this.cfg = cfg;
        this.positionalEmbedding = param("positional_embedding", Parameter.Type.WEIGHT, Initializer.ZEROS,
                cfg.contextLength(), cfg.width());
        this.textProjection = param("text_projection", Parameter.Type.WEIGHT, Initializer.ZEROS, cfg.width(), embedDim);
        this.tokenEmbedding = addChildBlock("token_embedding", new TorchEmbedding(cfg.vocabSize(), cfg.width()));
        TextStack stack = addChildBlock("transformer", new TextStack());
        this.resblocks = stack.resblocks;
        for (int i = 0; i < cfg.layers(); i++) {
            resblocks.add(new ResidualAttentionBlock(cfg, quickGelu));
        }
        this.lnFinal = addChildBlock("ln_final", new TorchLayerNorm(cfg.width(), TextConfig.NORM_EPS));
    }

    /** The {@code transformer} module: holds {@code resblocks}. */
    static final class TextStack extends TorchModule {
        final ModuleList<ResidualAttentionBlock> resblocks = addChildBlock("resblocks", new ModuleList<>());

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
            NDArray x = inputs.get(0);
            for (ResidualAttentionBlock b : resblocks.items()) {
                NDList in = new NDList(x);
                if (inputs.size() > 1) {
                    in.add(inputs.get(1));
                }
                x = b.forward(ps, in, training, p).head();
            }
            return new NDList(x);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }

    /** The tower's config. */
    public TextConfig config() {
        return cfg;
    }

    /** Number of residual blocks. */
    public int depth() {
        return resblocks.items().size();
    }

    /**
     * Token states after the first {@code depth} blocks (before {@code ln_final}).
     *
     * @param ids int64 {@code (N, L)}, L ≤ context length
     * @return {@code (N, L, W)}
     */
    public NDArray tokens(ParameterStore ps, NDArray ids, int depth, boolean training) {
        long l = ids.getShape().get(1);
        if (l > cfg.contextLength()) {
            throw new IllegalArgumentException("token rows of length " + l + " exceed the context length "
                    + cfg.contextLength());
        }
        if (depth < 0 || depth > depth()) {
            throw new IllegalArgumentException("depth " + depth + " outside 0.." + depth());
        }
        NDArray x = tokenEmbedding.apply(ps, ids, training);
        NDArray pos = value(ps, positionalEmbedding, x, training);
        x = x.add(local(pos.get(new NDIndex("0:{}", l)), x));
        NDArray mask = x.getManager().create(causalMask((int) l), new Shape(l, l));
        List<ResidualAttentionBlock> blocks = resblocks.items();
        for (int i = 0; i < depth; i++) {
            x = blocks.get(i).forward(ps, new NDList(x, mask), training, null).head();
        }
        return x;
    }

    /** Additive causal mask {@code (L, L)}: 0 on and below the diagonal, −∞ above (CLIP {@code build_attention_mask}). */
    static float[] causalMask(int l) {
        float[] m = new float[l * l];
        for (int i = 0; i < l; i++) {
            Arrays.fill(m, i * l + i + 1, (i + 1) * l, Float.NEGATIVE_INFINITY);
        }
        return m;
    }

    /**
     * Text features: blocks, {@code ln_final} and projection at the EOT position (first argmax of the ids per row).
     *
     * @param ids int64 {@code (N, L)}
     * @return {@code (N, E)}
     */
    public NDArray features(ParameterStore ps, NDArray ids, boolean training) {
        if (ids.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("token ids must be int64, got " + ids.getDataType());
        }
        long n = ids.getShape().get(0);
        long[] eot = ids.argMax(1).toLongArray();
        long used = Arrays.stream(eot).max().orElse(0) + 1;
        NDArray head = used < ids.getShape().get(1) ? ids.get(new NDIndex(":, 0:{}", used)) : ids;
        NDArray x = tokens(ps, head, depth(), training).reshape(n * used, cfg.width());
        long[] flat = new long[(int) n];
        for (int i = 0; i < n; i++) {
            flat[i] = i * used + eot[i];
        }
        NDArray pooled = x.get(new NDIndex("{}", x.getManager().create(flat)));
        return lnFinal.apply(ps, pooled, training).matMul(value(ps, textProjection, x, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(features(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), textProjection.getShape().get(1))};
    }
}
