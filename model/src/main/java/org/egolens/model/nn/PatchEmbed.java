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
 * Per-frame patch embedding (paper: "tube convolution" with a 1 × p × p kernel; EVA {@code PatchEmbed} whose {@code proj}
 * is {@code Conv2d(C, D, p, stride p)} with bias).
 *
 * <p>Input {@code (B, C, T, H, W)}; output {@code (B, T·G², D)}, tokens frame-major: index {@code t·G² + h·G + w}.
 */
final class PatchEmbed extends TorchModule {
    private final Projection proj;

    PatchEmbed(int channels, int patch, int width) {
        this.proj = addChildBlock("proj", new Projection(channels, patch, width));
    }

    /**
     * The strided convolution, {@code weight (D, C, p, p)}, {@code bias (D)}, computed as one matrix product on flattened
     * patches: the weight viewed as {@code (D, C·p²)}, each patch flattened in the same (c, i, j) order.
     */
    static final class Projection extends TorchModule {
        private final Parameter weight;
        private final Parameter bias;
        private final int channels;
        private final int patch;
        private final int width;

        Projection(int channels, int patch, int width) {
            this.channels = channels;
            this.patch = patch;
            this.width = width;
            this.weight = param("weight", Parameter.Type.WEIGHT, Initializer.ZEROS, width, channels, patch, patch);
            this.bias = param("bias", Parameter.Type.BIAS, Initializer.ZEROS, width);
        }

        NDArray apply(ParameterStore ps, NDArray frames, boolean training) {
            Shape s = frames.getShape();
            if (s.dimension() != 5 || s.get(1) != channels || s.get(3) % patch != 0 || s.get(4) % patch != 0) {
                throw new IllegalArgumentException("frames " + s + " are not (B, " + channels + ", T, H, W) with H, W "
                        + "multiples of the patch size " + patch);
            }
            long b = s.get(0);
            long t = s.get(2);
            long gh = s.get(3) / patch;
            long gw = s.get(4) / patch;
            long flat = (long) channels * patch * patch;
            // (B, C, T, Gh, p, Gw, p) -> (B, T, Gh, Gw, C, p, p) -> (B, T·Gh·Gw, C·p·p)
            NDArray patches = frames.reshape(b, channels, t, gh, patch, gw, patch).transpose(0, 2, 3, 5, 1, 4, 6)
                    .reshape(b, t * gh * gw, flat);
            NDArray w = local(value(ps, weight, frames, training).reshape(width, flat), frames);
            return Linear.linear(patches, w, value(ps, bias, frames, training)).head();
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(apply(ps, in.head(), training));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), s.get(2) * (s.get(3) / patch) * (s.get(4) / patch), width)};
        }
    }

    NDArray apply(ParameterStore ps, NDArray frames, boolean training) {
        return proj.apply(ps, frames, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return proj.getOutputShapes(inputShapes);
    }
}
