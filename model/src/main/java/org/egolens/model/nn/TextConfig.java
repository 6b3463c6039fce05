package org.egolens.model.nn;

/**
 * The CLIP text tower, as in the {@code text_cfg} of an EVA-CLIP {@code config.json} (eva02-at-spec §1.3).
 *
 * @param contextLength tokens per row (77)
 * @param vocabSize     BPE vocabulary size (49408)
 * @param width         W, token width
 * @param heads         attention heads
 * @param layers        residual attention blocks
 * @param mlpRatio      MLP hidden width = {@code int(width · mlpRatio)} (4 for CLIP)
 */
public record TextConfig(int contextLength, int vocabSize, int width, int heads, int layers, double mlpRatio) {
    /** LayerNorm epsilon of the text tower (PyTorch default). */
    public static final float NORM_EPS = 1e-5f;

    /** @throws IllegalArgumentException for non-positive sizes or a width not divisible by heads */
    public TextConfig {
        VisionConfig.positive("text_cfg.context_length", contextLength);
        VisionConfig.positive("text_cfg.vocab_size", vocabSize);
        VisionConfig.positive("text_cfg.width", width);
        VisionConfig.positive("text_cfg.heads", heads);
        VisionConfig.positive("text_cfg.layers", layers);
        if (!(mlpRatio > 0)) {
            throw new IllegalArgumentException("text_cfg.mlp_ratio must be > 0, got " + mlpRatio);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("text_cfg.width " + width + " is not a multiple of heads " + heads);
        }
    }

    /** Width of one head. */
    public int headWidth() {
        return width / heads;
    }

    /** MLP hidden width, {@code int(width · mlpRatio)}. */
    public int mlpHidden() {
        return (int) (width * mlpRatio);
    }
}
