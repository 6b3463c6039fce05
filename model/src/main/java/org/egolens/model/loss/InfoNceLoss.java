package org.egolens.model.loss;

import ai.djl.ndarray.NDArray;
import org.egolens.model.nn.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bidirectional InfoNCE (CLIP loss) used for EVA02-AT pretraining (spec §4: temperature 0.05, i.e. logit scale 20).
 *
 * <p>logits = s·V·Tᵀ with s = 1/temperature (fixed) or s = exp(min(logitScale, ln 100)) (learnable, clamped as CLIP/AVION do,
 * so that a scale pushed past ln 100 cannot overflow); loss = ½·(CE(logits, diag) + CE(logitsᵀ, diag)).
 * Parts: {@code v2t}, {@code t2v} (each halved, adding up to the total).
 */
public final class InfoNceLoss implements ContrastiveLoss {
    /** ln(100): the largest logit scale CLIP-style training allows. */
    public static final float MAX_LOG_SCALE = (float) Math.log(100.0);

    private final float temperature;

    /**
     * @param temperature fixed temperature τ > 0 (paper: 0.05); ignored by {@link #compute(NDArray, NDArray, NDArray)}
     */
    public InfoNceLoss(float temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return "infonce";
    }

    @Override
    public LossTerms compute(NDArray video, NDArray text, float[][] relevancy) {
        ContrastiveLoss.checkBatch(video, text, relevancy, false);
        return fromLogits(Scalars.mul(video.matMul(text.transpose()), 1f / temperature));
    }

    /**
     * With a learnable log logit scale (a scalar parameter, shape {@code ()} or {@code (1)}), clamped at ln 100 inside the
     * loss so that exp() cannot overflow; the trainer also clamps the stored parameter after each step.
     */
    public LossTerms compute(NDArray video, NDArray text, NDArray logScale) {
        ContrastiveLoss.checkBatch(video, text, null, false);
        NDArray scale = Scalars.minimum(logScale, MAX_LOG_SCALE).exp().reshape(1, 1);
        return fromLogits(video.matMul(text.transpose()).mul(scale));
    }

    private static LossTerms fromLogits(NDArray logits) {
        NDArray v2t = crossEntropyDiag(logits);
        NDArray t2v = crossEntropyDiag(logits.transpose());
        NDArray total = Scalars.div(v2t.add(t2v), 2f);
        Map<String, Float> parts = new LinkedHashMap<>();
        parts.put("v2t", v2t.getFloat() / 2f);
        parts.put("t2v", t2v.getFloat() / 2f);
        return new LossTerms(total, parts);
    }

    /** Mean over rows of −log softmax(row)[row index]; stable (log-sum-exp with max subtraction). */
    private static NDArray crossEntropyDiag(NDArray logits) {
        int n = (int) logits.getShape().get(0);
        NDArray logProb = logits.logSoftmax(1);
        NDArray eye = logits.getManager().eye(n);
        return Scalars.div(logProb.mul(eye).sum().neg(), n);
    }
}
