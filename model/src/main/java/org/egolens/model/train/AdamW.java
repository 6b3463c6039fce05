package org.egolens.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.egolens.model.io.FloatTensor;

/**
 * AdamW (Loshchilov &amp; Hutter, decoupled weight decay) over an explicit list of parameters, with optimiser state that
 * can be saved and restored so that a resumed run continues exactly (spec §4/§5.1: AdamW, β = (0.9, 0.999), ε = 1e-8,
 * wd 0.01 without decay on biases, norms and embeddings).
 *
 * <p>Update t (1-based) for weight w with gradient g, first and second moments m, v:
 * {@code m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; w ← w − lr·wd·w (decay parameters only);
 * w ← w − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)} (PyTorch's {@code torch.optim.AdamW}). The update runs as
 * in-place tensor ops outside autograd, temporaries freed per parameter; the gradients are zeroed by it. State lives in the given manager (the model's), not in per-step scopes, so closing a
 * step's scope never frees it (java-stack-notes, pitfall 2).
 */
public final class AdamW {
    private final List<TrainableParameter> params;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final Map<String, NDArray> mean = new LinkedHashMap<>();
    private final Map<String, NDArray> variance = new LinkedHashMap<>();
    private long updates;

    /**
     * @param params      the parameters to update
     * @param beta1       first-moment decay β1 in [0, 1)
     * @param beta2       second-moment decay β2 in [0, 1)
     * @param eps         ε &gt; 0
     * @param weightDecay decoupled decay ≥ 0 (applied to {@link TrainableParameter#decay()} parameters only)
     * @param manager     owner of the moment arrays (lives as long as the model)
     * @throws IllegalArgumentException for out-of-range hyper-parameters
     */
    public AdamW(List<TrainableParameter> params, double beta1, double beta2, double eps, double weightDecay,
                 NDManager manager) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= β1, β2 < 1, ε > 0, wd >= 0 (got " + beta1 + ", "
                    + beta2 + ", " + eps + ", " + weightDecay + ")");
        }
        this.params = List.copyOf(params);
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        for (TrainableParameter p : this.params) {
            Shape s = p.parameter().getArray().getShape();
            mean.put(p.name(), manager.zeros(s));
            variance.put(p.name(), manager.zeros(s));
        }
    }

    /** Updates done so far (t of the last update). */
    public long updates() {
        return updates;
    }

    /**
     * Applies one update with learning rate {@code lr} from the gradients currently held by the parameters, then zeroes
     * them.
     *
     * @throws IllegalArgumentException if lr is not finite and positive
     */
    public void step(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
        }
        updates++;
        double c1 = 1 - Math.pow(beta1, updates);
        double c2 = 1 - Math.pow(beta2, updates);
        float stepSize = (float) (lr / c1);
        float rootC2 = (float) Math.sqrt(c2);
        for (TrainableParameter p : params) {
            NDArray w = p.parameter().getArray();
            NDArray m = mean.get(p.name());
            NDArray v = variance.get(p.name());
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = w.getGradient();
                m.muli(beta1).addi(g.mul(1 - beta1));
                v.muli(beta2).addi(g.square().muli(1 - beta2));
                if (p.decay() && weightDecay > 0) {
                    w.muli((float) (1 - lr * weightDecay));
                }
                w.subi(m.div(v.sqrt().divi(rootC2).addi(eps)).muli(stepSize));
                g.muli(0f);
            }
        }
    }

    /** The moments as {@code m.<name>} and {@code v.<name>} tensors, for a checkpoint. */
    public Map<String, FloatTensor> state() {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (TrainableParameter p : params) {
            out.put("m." + p.name(), tensor(mean.get(p.name())));
        }
        for (TrainableParameter p : params) {
            out.put("v." + p.name(), tensor(variance.get(p.name())));
        }
        return out;
    }

    /**
     * Restores moments written by {@link #state()} and the update count.
     *
     * @throws IllegalArgumentException naming every missing or mis-shaped moment, or a negative count
     */
    public void restore(Map<String, FloatTensor> state, long updateCount) {
        Objects.requireNonNull(state, "state");
        if (updateCount < 0) {
            throw new IllegalArgumentException("update count must be >= 0, got " + updateCount);
        }
        StringBuilder problems = new StringBuilder();
        for (TrainableParameter p : params) {
            for (String prefix : new String[] {"m.", "v."}) {
                FloatTensor t = state.get(prefix + p.name());
                NDArray target = (prefix.equals("m.") ? mean : variance).get(p.name());
                if (t == null) {
                    problems.append(' ').append(prefix).append(p.name()).append(" (missing)");
                } else if (!new Shape(t.shape()).equals(target.getShape())) {
                    problems.append(' ').append(prefix).append(p.name()).append(" (shape ")
                            .append(new Shape(t.shape())).append(", expected ").append(target.getShape()).append(')');
                }
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException("optimizer state does not fit the model:" + problems);
        }
        for (TrainableParameter p : params) {
            mean.get(p.name()).set(state.get("m." + p.name()).data());
            variance.get(p.name()).set(state.get("v." + p.name()).data());
        }
        updates = updateCount;
    }

    private static FloatTensor tensor(NDArray a) {
        return new FloatTensor(a.getShape().getShape(), a.toFloatArray());
    }
}
