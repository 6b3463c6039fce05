package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** {@code torch.nn.Embedding}: {@code weight (V, W)}; int64 ids {@code (...)} → {@code (..., W)}. */
final class TorchEmbedding extends TorchModule {
    private final int width;
    private final Parameter weight;

    TorchEmbedding(int vocab, int width) {
        this.width = width;
        this.weight = param("weight", Parameter.Type.WEIGHT, Initializer.ZEROS, vocab, width);
    }

    NDArray apply(ParameterStore ps, NDArray ids, boolean training) {
        return Embedding.embedding(ids, value(ps, weight, ids, training), SparseFormat.DENSE).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(width)};
    }
}
