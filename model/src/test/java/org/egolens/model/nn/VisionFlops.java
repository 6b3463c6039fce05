package org.egolens.model.nn;

/**
 * Analytic FLOP count of the video tower's forward pass for one clip (2 FLOPs per multiply-add; eva02-at-spec §6
 * "Compute" and §7). Counted: patch embedding {@code 2·T·G²·3p²·D}; per block q, k, v and out projections
 * {@code 8·N·D²}, attention {@code QKᵀ} and {@code AV} {@code 4·N²·D}, SwiGLU {@code 6·N·D·H_m}; head {@code 2·D·E}, with
 * {@code N = 1 + T·G²}. LayerNorms, softmax, RoPE and residual adds (elementwise) are left out. A backward pass is
 * counted as twice the forward, so forward+backward is {@code 3×}. The twin's {@code vision_flops} is the same formula.
 */
final class VisionFlops {
    private VisionFlops() {}

    /** Forward FLOPs of one clip of T frames. */
    static double forward(ModelConfig c, int t) {
        VisionConfig v = c.vision();
        double g2 = v.patchesPerFrame();
        double n = 1 + t * g2;
        double d = v.width();
        double perBlock = 8 * n * d * d + 4 * n * n * d + 6 * n * d * v.mlpHidden();
        return 2 * t * g2 * 3 * v.patchSize() * v.patchSize() * d + v.layers() * perBlock + 2 * d * c.embedDim();
    }
}
