package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** {@code torch.nn.LayerNorm} over the last axis, {@code weight (dim)}, {@code bias (dim)}, given epsilon. */
final class TorchLayerNorm extends TorchModule {
    private final int dim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    TorchLayerNorm(int dim, float eps) {
        this.dim = dim;
        this.eps = eps;
        this.weight = param("weight", Parameter.Type.GAMMA, Initializer.ONES, dim);
        this.bias = param("bias", Parameter.Type.BETA, Initializer.ZEROS, dim);
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return LayerNorm.layerNorm(x, new Shape(dim), value(ps, weight, x, training), value(ps, bias, x, training), eps)
                .head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
