package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Linear}: {@code y = x Wᵀ + b} with {@code weight (out, in)} and optional {@code bias (out)}; input
 * {@code (..., in)}, output {@code (..., out)}.
 */
final class TorchLinear extends TorchModule {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    TorchLinear(int in, int out, boolean withBias) {
        this.in = in;
        this.out = out;
        this.weight = param("weight", Parameter.Type.WEIGHT, Initializer.ZEROS, out, in);
        this.bias = withBias ? param("bias", Parameter.Type.BIAS, Initializer.ZEROS, out) : null;
    }

    /** Applies the layer, optionally with an external bias (EVA's {@code q_bias}/{@code v_bias}) instead of its own. */
    NDArray apply(ParameterStore ps, NDArray x, NDArray externalBias, boolean training) {
        NDArray w = value(ps, weight, x, training);
        NDArray b = externalBias != null ? externalBias : bias == null ? null : value(ps, bias, x, training);
        return b == null ? Linear.linear(x, w).head() : Linear.linear(x, w, b).head();
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return apply(ps, x, null, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (s.get(s.dimension() - 1) != in) {
            throw new IllegalArgumentException("expected last dim " + in + ", got " + s);
        }
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }
}
