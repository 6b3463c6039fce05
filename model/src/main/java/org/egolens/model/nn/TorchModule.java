package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * Base of the EVA-CLIP blocks: parameters have fixed shapes given at construction (so initialisation never depends on
 * input shapes), children are named after the PyTorch modules, and {@link ParameterNames} turns the tree into PyTorch
 * state-dict keys.
 */
abstract class TorchModule extends AbstractBlock {

    /** Adds a parameter with a fixed shape and a default initializer (replaced by {@link ParameterInit} or the loader). */
    protected final Parameter param(String name, Parameter.Type type, Initializer init, long... shape) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(shape))
                .optInitializer(init).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /**
     * Moves a temporary derived from a parameter (a view or the result of an op whose first operand is a parameter) to the
     * manager of the activation {@code like}, so it is freed with the call's arrays rather than kept by the model.
     */
    protected static NDArray local(NDArray temp, NDArray like) {
        temp.attach(like.getManager());
        return temp;
    }

    /** The value of a parameter on the device of {@code like}. */
    protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        return ps.getValue(p, like.getDevice(), training);
    }
}
