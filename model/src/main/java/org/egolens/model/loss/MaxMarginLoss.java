package org.egolens.model.loss;

import ai.djl.ndarray.NDArray;
import org.egolens.model.nn.Scalars;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Multi-instance max-margin ranking losses: MI-MM (Eq. 4) and adaptive MI-MM (EgoVLP, Eq. 6).
 *
 * <p>For every ordered pair a ≠ b, both directions: video anchor [m_a − v_a·t_a + v_a·t_b]₊ and text anchor
 * [m_a − t_a·v_a + t_a·v_b]₊, with margin m_a = γ (MI-MM) or m_a = c(a,a)·γ (adaptive: the relevancy of the sampled
 * positive scales the margin; other pairs are implicitly treated as c = 0). Mean over the 2·n·(n−1) terms, as AVION's
 * MaxMarginRankingLoss and the SMS code reduce.
 *
 * <p>Parts: {@code v2t} and {@code t2v} (each divided by 2·n·(n−1), adding up to the total).
 */
public final class MaxMarginLoss implements ContrastiveLoss {
    private final float gamma;
    private final boolean adaptive;

    private MaxMarginLoss(float gamma, boolean adaptive) {
        if (gamma < 0) {
            throw new IllegalArgumentException("margin γ must be ≥ 0, got " + gamma);
        }
        this.gamma = gamma;
        this.adaptive = adaptive;
    }

    /** MI-MM, Eq. 4 (paper's best γ = 0.2). */
    public static MaxMarginLoss miMm(float gamma) {
        return new MaxMarginLoss(gamma, false);
    }

    /** Adaptive MI-MM, Eq. 6 (paper's best γ = 0.4); needs the relevancy block's diagonal. */
    public static MaxMarginLoss adaptive(float gamma) {
        return new MaxMarginLoss(gamma, true);
    }

    @Override
    public String name() {
        return adaptive ? "adaptive-mimm" : "mimm";
    }

    @Override
    public LossTerms compute(NDArray video, NDArray text, float[][] relevancy) {
        int n = ContrastiveLoss.checkBatch(video, text, relevancy, adaptive);
        NDManager m = video.getManager();
        float[] margins = new float[n];
        float[] offDiag = new float[n * n];
        for (int a = 0; a < n; a++) {
            margins[a] = adaptive ? relevancy[a][a] * gamma : gamma;
            for (int b = 0; b < n; b++) {
                offDiag[a * n + b] = a == b ? 0f : 1f;
            }
        }
        NDArray mask = m.create(offDiag, new ai.djl.ndarray.types.Shape(n, n));
        NDArray margin = m.create(margins, new ai.djl.ndarray.types.Shape(n, 1));
        NDArray x = text.matMul(video.transpose()); // X[a][b] = t_a · v_b
        NDArray diag = text.mul(video).sum(new int[] {1}).reshape(n, 1);
        NDArray t2v = Scalars.maximum(margin.sub(diag).add(x), 0f).mul(mask).sum(); // anchor t_a, negatives v_b
        NDArray v2t = Scalars.maximum(margin.sub(diag).add(x.transpose()), 0f).mul(mask).sum(); // anchor v_a, negatives t_b
        float count = 2f * n * (n - 1);
        NDArray total = Scalars.div(v2t.add(t2v), count);
        Map<String, Float> parts = new LinkedHashMap<>();
        parts.put("v2t", v2t.getFloat() / count);
        parts.put("t2v", t2v.getFloat() / count);
        return new LossTerms(total, parts);
    }
}
