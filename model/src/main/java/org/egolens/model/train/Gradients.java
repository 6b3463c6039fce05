package org.egolens.model.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Global-norm gradient clipping and zeroing by hand (DJL's {@code optClipGrad} is an element-wise, one-sided clamp on
 * the PyTorch engine; java-stack-notes §1b).
 */
public final class Gradients {
    private Gradients() {}

    /**
     * The global L2 norm of all gradients, √(Σ‖g‖²), computed in double from per-parameter sums.
     *
     * @return the norm; NaN or infinite if any gradient is
     */
    public static double globalNorm(List<TrainableParameter> params) {
        double sum = 0;
        for (TrainableParameter p : params) {
            try (NDArray g = p.parameter().getArray().getGradient(); NDArray sq = g.square(); NDArray s = sq.sum()) {
                sum += s.getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    /** Names of the parameters whose gradient holds a NaN or an infinity (for the failure message). */
    public static List<String> nonFinite(List<TrainableParameter> params) {
        List<String> bad = new java.util.ArrayList<>();
        for (TrainableParameter p : params) {
            try (NDArray g = p.parameter().getArray().getGradient(); NDArray sq = g.square(); NDArray s = sq.sum()) {
                if (!Float.isFinite(s.getFloat())) {
                    bad.add(p.name());
                }
            }
        }
        return bad;
    }

    /**
     * Scales all gradients by {@code maxNorm / norm} when {@code norm > maxNorm} (PyTorch {@code clip_grad_norm_}).
     *
     * @param norm    the current global norm ({@link #globalNorm})
     * @param maxNorm the limit; ≤ 0 disables clipping
     * @return the factor applied (1 when nothing was clipped)
     */
    public static double clip(List<TrainableParameter> params, double norm, double maxNorm) {
        if (maxNorm <= 0 || !(norm > maxNorm)) {
            return 1;
        }
        float scale = (float) (maxNorm / (norm + 1e-6));
        for (TrainableParameter p : params) {
            try (NDArray g = p.parameter().getArray().getGradient()) {
                g.muli(scale);
            }
        }
        return scale;
    }

    /** Multiplies all gradients by {@code factor} (e.g. 1/k after k accumulated backward passes). */
    public static void scale(List<TrainableParameter> params, float factor) {
        for (TrainableParameter p : params) {
            try (NDArray g = p.parameter().getArray().getGradient()) {
                g.muli(factor);
            }
        }
    }

    /** Sets every gradient to zero. */
    public static void zero(List<TrainableParameter> params) {
        for (TrainableParameter p : params) {
            try (NDArray g = p.parameter().getArray().getGradient()) {
                g.muli(0f);
            }
        }
    }
}
