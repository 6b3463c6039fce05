package org.egolens.model.loss;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The value of a contrastive loss on one batch: the differentiable total and its named parts for logging.
 *
 * @param total scalar NDArray (shape {@code ()}), the quantity to back-propagate
 * @param parts named scalar contributions (plain floats, detached); for SMS they add up to {@code total}
 */
public record LossTerms(NDArray total, Map<String, Float> parts) {
    /** The total as a float (forces evaluation). */
    public float value() {
        return total.getFloat();
    }
}
