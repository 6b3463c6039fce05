package org.egolens.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code torch.nn.ModuleList}/container: children named {@code "0"}, {@code "1"}, … (or given names) so that parameter
 * paths read {@code blocks.0.attn...}. Forward runs the children in sequence.
 */
final class ModuleList<B extends Block> extends TorchModule {
    private final List<B> items = new ArrayList<>();

    /** Adds the next item under the name {@code String.valueOf(index)}. */
    ModuleList<B> add(B block) {
        items.add(addChildBlock(String.valueOf(items.size()), block));
        return this;
    }

    List<B> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (B b : items) {
            x = b.forward(ps, x, training, params);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] s = inputShapes;
        for (B b : items) {
            s = b.getOutputShapes(s);
        }
        return s;
    }
}
