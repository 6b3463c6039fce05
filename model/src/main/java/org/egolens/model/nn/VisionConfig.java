package org.egolens.model.nn;

/**
 * The EVA-02 vision tower, as in the {@code vision_cfg} of an EVA-CLIP {@code config.json} (eva02-at-spec §1.2).
 *
 * @param imageSize    H = W of an input frame, pixels
 * @param patchSize    p, side of a square patch, pixels
 * @param layers       number of transformer blocks
 * @param width        D, token width
 * @param headWidth    d_h, width of one attention head
 * @param mlpRatio     SwiGLU hidden width = {@code int(width · mlpRatio)}
 * @param ptHwSeqLen   side of the pretraining patch grid the 2-D RoPE positions are rescaled to (16 for EVA02-CLIP)
 * @param rope         whether the checkpoint's tower uses RoPE ({@code rope} in the config)
 * @param intpFreq     EVA's {@code intp_freq}: RoPE positions rescaled as {@code p · ptHwSeqLen / grid}
 * @param naiveSwiglu  SwiGLU MLP ({@code w1, w2, ffn_ln, w3}); the only MLP supported
 * @param subLn        sub-LayerNorms inside attention and MLP; the only variant supported
 * @param evaModelName informational ({@code eva_model_name}), e.g. {@code eva-clip-b-16-X}
 */
public record VisionConfig(int imageSize, int patchSize, int layers, int width, int headWidth, double mlpRatio,
        int ptHwSeqLen, boolean rope, boolean intpFreq, boolean naiveSwiglu, boolean subLn, String evaModelName) {
    /** LayerNorm epsilon of every vision LayerNorm (EVA uses {@code partial(LayerNorm, eps=1e-6)}). */
    public static final float NORM_EPS = 1e-6f;

    /** @throws IllegalArgumentException for inconsistent or unsupported sizes and switches (message names the field) */
    public VisionConfig {
        positive("vision_cfg.image_size", imageSize);
        positive("vision_cfg.patch_size", patchSize);
        positive("vision_cfg.layers", layers);
        positive("vision_cfg.width", width);
        positive("vision_cfg.head_width", headWidth);
        positive("vision_cfg.pt_hw_seq_len", ptHwSeqLen);
        if (!(mlpRatio > 0)) {
            throw new IllegalArgumentException("vision_cfg.mlp_ratio must be > 0, got " + mlpRatio);
        }
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("vision_cfg.image_size " + imageSize + " is not a multiple of patch_size "
                    + patchSize);
        }
        if (width % headWidth != 0) {
            throw new IllegalArgumentException("vision_cfg.width " + width + " is not a multiple of head_width " + headWidth);
        }
        if (headWidth % 4 != 0) {
            throw new IllegalArgumentException("vision_cfg.head_width " + headWidth
                    + " must be a multiple of 4 (2-D RoPE splits each head into row and column pairs)");
        }
        if (!naiveSwiglu) {
            throw new IllegalArgumentException("vision_cfg.naiveswiglu=false (EVA-01 GELU MLP) is not supported; "
                    + "EVA02 towers use the SwiGLU MLP");
        }
        if (!subLn) {
            throw new IllegalArgumentException("vision_cfg.subln=false is not supported; EVA02 towers use sub-LN");
        }
        if (rope && !intpFreq && imageSize / patchSize != ptHwSeqLen) {
            throw new IllegalArgumentException("vision_cfg.intp_freq=false with a " + imageSize / patchSize
                    + "-patch grid != pt_hw_seq_len " + ptHwSeqLen + " is not supported");
        }
        evaModelName = evaModelName == null ? "" : evaModelName;
    }

    static void positive(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + v);
        }
    }

    /** Number of attention heads, {@code width / headWidth}. */
    public int heads() {
        return width / headWidth;
    }

    /** SwiGLU hidden width, {@code int(width · mlpRatio)} (Python truncation, as EVA). */
    public int mlpHidden() {
        return (int) (width * mlpRatio);
    }

    /** G, patches per side: {@code imageSize / patchSize}. */
    public int grid() {
        return imageSize / patchSize;
    }

    /** G², patches per frame. */
    public int patchesPerFrame() {
        return grid() * grid();
    }
}
