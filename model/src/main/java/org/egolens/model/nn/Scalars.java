package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Tensor–scalar operations that are safe under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code maximum(Number)} and {@code minimum(Number)} (PyTorch
 * engine 0.36) wrap the number in a temporary tensor over a Java direct buffer and close it right after the op. When the
 * operand requires a gradient, autograd keeps a reference to that scalar for the backward pass; once the closed wrapper
 * is garbage-collected, its buffer is freed and the backward pass reads freed memory, giving wrong or NaN gradients at
 * random steps. These helpers create the scalar in the operand's own manager instead, so it lives exactly as long as
 * the call's other arrays (until after the backward pass in a training step).
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · s}. */
    public static NDArray mul(NDArray x, float s) {
        return x.mul(x.getManager().create(s));
    }

    /** {@code x / s}. */
    public static NDArray div(NDArray x, float s) {
        return x.div(x.getManager().create(s));
    }

    /** Element-wise {@code max(x, s)}. */
    public static NDArray maximum(NDArray x, float s) {
        return x.maximum(x.getManager().create(s));
    }

    /**
     * Swish {@code x · σ(β·x)} (SiLU for β = 1, QuickGELU for β = 1.702). DJL's {@code Activation.swish} computes
     * {@code x.mul(β)} with the unsafe number form above.
     */
    public static NDArray swish(NDArray x, float beta) {
        NDArray scaled = beta == 1f ? x : mul(x, beta);
        return x.mul(ai.djl.nn.Activation.sigmoid(scaled));
    }

    /** Element-wise {@code min(x, s)}. */
    public static NDArray minimum(NDArray x, float s) {
        return x.minimum(x.getManager().create(s));
    }
}
