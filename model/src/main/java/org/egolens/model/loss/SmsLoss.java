package org.egolens.model.loss;

import ai.djl.ndarray.NDArray;
import org.egolens.model.nn.Scalars;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Symmetric Multi-Similarity loss (EVA02-AT, Eq. 13–16; Charades-Ego form Eq. 17).
 *
 * <p>For every ordered pair a ≠ b of the batch and both retrieval directions, with X[a][b] = t_a·v_b:
 * <ul>
 *   <li>text anchor t_a: S_ij = X[a][a], S_ik = X[a][b], R = c(a,a) − c(b,a) (relevancy of clip b to caption a);</li>
 *   <li>video anchor v_a: S_ij = X[a][a], S_ik = X[b][a], R = c(a,a) − c(a,b) (relevancy of clip a to caption b).</li>
 * </ul>
 * Each term (Eq. 16): R ≥ λ → [R·γ − S_ij + S_ik]₊ (the positive must win by R·γ); R ≤ −λ → [−R·γ + S_ij − S_ik]₊ (the
 * "negative" is the more relevant one, so the roles swap); |R| &lt; λ → [|S_ij − S_ik| − τ]₊ (equally relevant: similarities
 * pulled together outside a dead zone τ). The loss is the mean over the 2·n·(n−1) terms (spec §8.5: the paper writes a sum,
 * the released code takes the mean).
 *
 * <p>Eq. 15 is the λ → 0 limit: strict tests R &gt; 0, R &lt; 0, R = 0 (R = 0 up to {@link #EQ15_TOLERANCE}). Eq. 17 (Charades-Ego)
 * is this loss on hard multi-label relevancy (R ∈ {0, 1}) with γ = 0.3 — see {@link #charadesEgo()}.
 *
 * <p>Logged parts: {@code pos} (R ≥ λ terms), {@code neg} (R ≤ −λ terms) and {@code equal} (|R| &lt; λ terms), each already
 * divided by 2·n·(n−1), so that pos + neg + equal = total.
 */
public final class SmsLoss implements ContrastiveLoss {
    /** Tolerance used for "R = 0" in the Eq. 15 variant (relevancies are multiples of 1/240 in the official data). */
    public static final float EQ15_TOLERANCE = 1e-6f;

    private final float gamma;
    private final float lambda;
    private final float tau;

    /**
     * @param gamma  margin γ (paper: 0.6 on EK-100, 0.3 on Charades-Ego)
     * @param lambda edge threshold λ (paper: 0.1, the positive-selection threshold); 0 gives Eq. 15
     * @param tau    relaxation τ of the equal-relevancy case (paper: 0.1)
     * @throws IllegalArgumentException on negative values
     */
    public SmsLoss(float gamma, float lambda, float tau) {
        if (gamma < 0 || lambda < 0 || tau < 0) {
            throw new IllegalArgumentException("SMS γ, λ, τ must be ≥ 0, got " + gamma + ", " + lambda + ", " + tau);
        }
        this.gamma = gamma;
        this.lambda = lambda;
        this.tau = tau;
    }

    /** EK-100 defaults of the paper: γ = 0.6, λ = 0.1, τ = 0.1 (Eq. 16). */
    public static SmsLoss paperDefaults() {
        return new SmsLoss(0.6f, 0.1f, 0.1f);
    }

    /** Eq. 15: strict sign tests (λ → 0), γ and τ as given. */
    public static SmsLoss eq15(float gamma, float tau) {
        return new SmsLoss(gamma, 0f, tau);
    }

    /** Eq. 17, Charades-Ego: hard labels, γ = 0.3, τ = 0.1. */
    public static SmsLoss charadesEgo() {
        return new SmsLoss(0.3f, 0.1f, 0.1f);
    }

    @Override
    public String name() {
        return "sms";
    }

    /** Which case of Eq. 16 (or Eq. 15 when λ = 0) a relevancy gap R falls in: +1, −1 or 0. */
    int caseOf(float r) {
        if (lambda == 0f) {
            return r > EQ15_TOLERANCE ? 1 : (r < -EQ15_TOLERANCE ? -1 : 0);
        }
        return r >= lambda ? 1 : (r <= -lambda ? -1 : 0);
    }

    @Override
    public LossTerms compute(NDArray video, NDArray text, float[][] relevancy) {
        int n = ContrastiveLoss.checkBatch(video, text, relevancy, true);
        NDManager m = video.getManager();
        // Host-side: gap R and case masks for both directions, layout [a][b] (anchor a, other b), diagonal excluded.
        float[] rText = new float[n * n];
        float[] rVideo = new float[n * n];
        float[][] masks = new float[6][n * n]; // text pos/neg/eq, video pos/neg/eq
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                int i = a * n + b;
                rText[i] = relevancy[a][a] - relevancy[b][a];
                rVideo[i] = relevancy[a][a] - relevancy[a][b];
                masks[caseIndex(caseOf(rText[i]))][i] = 1f;
                masks[3 + caseIndex(caseOf(rVideo[i]))][i] = 1f;
            }
        }
        Shape nn = new Shape(n, n);
        NDArray x = text.matMul(video.transpose()); // (n, n): X[a][b] = t_a · v_b
        NDArray diag = text.mul(video).sum(new int[] {1}).reshape(n, 1); // (n, 1): S_ij of anchor a
        NDArray dText = x.sub(diag); // S_ik − S_ij, text anchor: X[a][b] − X[a][a]
        NDArray dVideo = x.transpose().sub(diag); // video anchor: X[b][a] − X[a][a]
        float count = 2f * n * (n - 1);

        NDArray[] parts = new NDArray[3];
        NDArray[] dirs = {dText, dVideo};
        float[][] gaps = {rText, rVideo};
        for (int d = 0; d < 2; d++) {
            NDArray margin = Scalars.mul(m.create(gaps[d], nn), gamma); // R·γ
            NDArray term = margin.add(dirs[d]); // R·γ − S_ij + S_ik
            NDArray pos = Scalars.maximum(term, 0f).mul(m.create(masks[3 * d], nn));
            NDArray neg = Scalars.maximum(term.neg(), 0f).mul(m.create(masks[3 * d + 1], nn));
            NDArray eq = Scalars.maximum(dirs[d].abs().sub(tau), 0f).mul(m.create(masks[3 * d + 2], nn));
            NDArray[] here = {pos.sum(), neg.sum(), eq.sum()};
            for (int k = 0; k < 3; k++) {
                parts[k] = parts[k] == null ? here[k] : parts[k].add(here[k]);
            }
        }
        NDArray total = Scalars.div(parts[0].add(parts[1]).add(parts[2]), count);
        Map<String, Float> logged = new LinkedHashMap<>();
        logged.put("pos", parts[0].getFloat() / count);
        logged.put("neg", parts[1].getFloat() / count);
        logged.put("equal", parts[2].getFloat() / count);
        return new LossTerms(total, logged);
    }

    private static int caseIndex(int c) {
        return c == 1 ? 0 : (c == -1 ? 1 : 2);
    }

    public float gamma() {
        return gamma;
    }

    public float lambda() {
        return lambda;
    }

    public float tau() {
        return tau;
    }
}
