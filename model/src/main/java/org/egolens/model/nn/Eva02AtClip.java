package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The EVA02-AT dual encoder as one DJL block, laid out like EVA-CLIP's {@code CustomCLIP}: {@code logit_scale} (a scalar,
 * ln of the logit scale), {@code visual} ({@link EvaVisionTransformer}) and {@code text} ({@link ClipTextTransformer}).
 * {@link ParameterNames#of} yields exactly the EVA-CLIP state-dict keys (plus {@code visual.temporal_embed}).
 *
 * <p>Forward input {@code NDList(frames (B, 3, T, H, W), ids (N, L) int64)}; output
 * {@code NDList(video features (B, E), text features (N, E), exp(logit_scale) ())}, features not normalised.
 */
public final class Eva02AtClip extends TorchModule {
    private final ModelConfig config;
    private final Parameter logitScale;
    private final EvaVisionTransformer visual;
    private final ClipTextTransformer text;

    /** Builds the (uninitialised) block tree for a config. */
    public Eva02AtClip(ModelConfig config) {
        this.config = config;
        this.logitScale = param("logit_scale", Parameter.Type.OTHER, Initializer.ZEROS);
        this.visual = addChildBlock("visual",
                new EvaVisionTransformer(config.vision(), config.embedDim(), config.numFrames(), config.ropeMode()));
        this.text = addChildBlock("text", new ClipTextTransformer(config.text(), config.embedDim(), config.quickGelu()));
    }

    /** The config the tree was built for. */
    public ModelConfig config() {
        return config;
    }

    /** The video tower. */
    public EvaVisionTransformer visual() {
        return visual;
    }

    /** The text tower. */
    public ClipTextTransformer text() {
        return text;
    }

    /** The {@code logit_scale} parameter (a 0-d array holding ln of the scale). */
    public Parameter logitScaleParameter() {
        return logitScale;
    }

    /** The input shapes used to initialise the tree: one clip and one token row. */
    public Shape[] exampleInputShapes() {
        VisionConfig v = config.vision();
        return new Shape[] {new Shape(1, 3, config.numFrames(), v.imageSize(), v.imageSize()),
            new Shape(1, config.text().contextLength())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray frames = inputs.get(0);
        NDArray ids = inputs.get(1);
        NDArray v = visual.forward(ps, new NDList(frames), training, params).head();
        NDArray t = text.forward(ps, new NDList(ids), training, params).head();
        NDArray scale = local(value(ps, logitScale, frames, training).exp(), frames);
        return new NDList(v, t, scale);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {visual.getOutputShapes(new Shape[] {inputShapes[0]})[0],
            text.getOutputShapes(new Shape[] {inputShapes[1]})[0], new Shape()};
    }
}
