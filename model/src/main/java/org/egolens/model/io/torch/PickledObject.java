package org.egolens.model.io.torch;

import java.util.Map;
import java.util.Objects;

/**
 * A plain attribute bag from a checkpoint pickle, for the few allowed classes that are pure data (currently only
 * {@code argparse.Namespace}, the {@code args} of training checkpoints). No Python behaviour is attached.
 *
 * @param global the class as {@code module.name}, e.g. {@code argparse.Namespace}
 * @param attributes the object's attributes in pickle order (values are plain data: numbers, strings, lists, maps …)
 */
public record PickledObject(String global, Map<String, Object> attributes) {
    /** Copies nothing; the map is owned by this object. */
    public PickledObject {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(attributes, "attributes");
    }
}
