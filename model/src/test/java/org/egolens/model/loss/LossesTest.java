package org.egolens.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loss values on small batches worked out by hand (numbers in the comments), and SMS against a direct scalar reading of
 * Eq. 16 on random batches.
 */
class LossesTest {
    private NDManager manager;

    // v0 = (1,0), v1 = (0,1); t0 = (0.6,0.8), t1 = (0.8,0.6)  →  X[a][b] = t_a·v_b = [[0.6, 0.8], [0.8, 0.6]]
    private NDArray video;
    private NDArray text;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        video = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
        text = manager.create(new float[] {0.6f, 0.8f, 0.8f, 0.6f}, new Shape(2, 2));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void smsAllPositiveCasesByHand() {
        // c = [[1, .5], [.25, 1]] (rows clips, cols captions). γ=.6, λ=.1, τ=.1
        // text a=0,b=1: R = 1-.25 = .75 → [.45 - .6 + .8]₊ = .65 ; text a=1,b=0: R = 1-.5 = .5 → [.3 - .6 + .8] = .5
        // video a=0,b=1: R = 1-.5 = .5 → .5 ; video a=1,b=0: R = 1-.25 = .75 → .65 ; mean over 4 = 2.3/4 = .575
        float[][] c = {{1f, 0.5f}, {0.25f, 1f}};
        LossTerms l = SmsLoss.paperDefaults().compute(video, text, c);
        assertEquals(0.575f, l.value(), 1e-6);
        assertEquals(0.575f, l.parts().get("pos"), 1e-6);
        assertEquals(0f, l.parts().get("neg"), 1e-7);
        assertEquals(0f, l.parts().get("equal"), 1e-7);
    }

    @Test
    void smsNegativeAndEqualCasesByHand() {
        // c = [[.5, 1], [.5, .5]]
        // text a=0,b=1: R = .5-.5 = 0 → equal: [|.6-.8| - .1]₊ = .1
        // text a=1,b=0: R = .5-1 = -.5 → [.3 + .6 - .8]₊ = .1
        // video a=0,b=1: R = .5-1 = -.5 → S_ik = X[1][0] = .8 → .1 ; video a=1,b=0: R = 0 → equal .1
        float[][] c = {{0.5f, 1f}, {0.5f, 0.5f}};
        LossTerms l = SmsLoss.paperDefaults().compute(video, text, c);
        assertEquals(0.1f, l.value(), 1e-6);
        assertEquals(0f, l.parts().get("pos"), 1e-7);
        assertEquals(0.05f, l.parts().get("neg"), 1e-6);
        assertEquals(0.05f, l.parts().get("equal"), 1e-6);
    }

    @Test
    void eq15DiffersFromEq16InsideTheEdgeBand() {
        // R = .05 for every term: Eq. 16 (λ=.1) → equal case [.2 - .1]₊ = .1 ; Eq. 15 → positive [.03 + .2]₊ = .23
        float[][] c = {{1f, 0.95f}, {0.95f, 1f}};
        assertEquals(0.1f, SmsLoss.paperDefaults().compute(video, text, c).value(), 1e-6);
        assertEquals(0.23f, SmsLoss.eq15(0.6f, 0.1f).compute(video, text, c).value(), 1e-6);
    }

    @Test
    void charadesHardLabelsEq17() {
        // R ∈ {0,1}. c = [[1, 0], [1, 1]]: text a=0,b=1: R = 1 - c(1,0) = 0 → [.2 - .1] = .1
        // text a=1,b=0: R = 1 - c(0,1) = 1 → [.3 - .6 + .8] = .5 ; video a=0,b=1: R = 1 - c(0,1) = 1 → .5
        // video a=1,b=0: R = 1 - c(1,0) = 0 → .1 ; mean = 1.2/4 = .3
        float[][] c = {{1f, 0f}, {1f, 1f}};
        assertEquals(0.3f, SmsLoss.charadesEgo().compute(video, text, c).value(), 1e-6);
    }

    @Test
    void smsMatchesScalarEq16OnRandomBatches() {
        Random rnd = new Random(7);
        float[] gaps = {0f, 1f / 12, 0.1f, 0.25f, 0.5f, 0.75f, 1f};
        for (int trial = 0; trial < 5; trial++) {
            int n = 3 + trial;
            int d = 4;
            float[][] v = randomUnitRows(rnd, n, d);
            float[][] t = randomUnitRows(rnd, n, d);
            float[][] c = new float[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    c[a][b] = gaps[rnd.nextInt(gaps.length)];
                }
            }
            SmsLoss loss = new SmsLoss(0.6f, 0.1f, 0.1f);
            float got = loss.compute(manager.create(flat(v), new Shape(n, d)), manager.create(flat(t), new Shape(n, d)), c)
                    .value();
            assertEquals(scalarSms(v, t, c, 0.6, 0.1, 0.1), got, 1e-5, "trial " + trial);
        }
    }

    /** Eq. 16 read literally, term by term, in double precision. */
    private static double scalarSms(float[][] v, float[][] t, float[][] c, double gamma, double lambda, double tau) {
        int n = v.length;
        double sum = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                double sij = dot(t[a], v[a]);
                // text anchor: other item is clip b
                sum += term(c[a][a] - c[b][a], sij, dot(t[a], v[b]), gamma, lambda, tau);
                // video anchor: other item is caption b
                sum += term(c[a][a] - c[a][b], sij, dot(t[b], v[a]), gamma, lambda, tau);
            }
        }
        return sum / (2.0 * n * (n - 1));
    }

    private static double term(double r, double sij, double sik, double gamma, double lambda, double tau) {
        if (r >= lambda - 1e-9) {
            return Math.max(0, r * gamma - sij + sik);
        }
        if (r <= -lambda + 1e-9) {
            return Math.max(0, -r * gamma + sij - sik);
        }
        return Math.max(0, Math.abs(sij - sik) - tau);
    }

    @Test
    void miMmAndAdaptiveByHand() {
        // MI-MM γ=.2: every term .2 - .6 + .8 = .4 → .4
        assertEquals(0.4f, MaxMarginLoss.miMm(0.2f).compute(video, text, null).value(), 1e-6);
        // adaptive γ=.4 with positives of relevancy .5: margin .2 → .4 ; with relevancy 1: margin .4 → .6
        float[][] half = {{0.5f, 0f}, {0f, 0.5f}};
        float[][] full = {{1f, 0f}, {0f, 1f}};
        assertEquals(0.4f, MaxMarginLoss.adaptive(0.4f).compute(video, text, half).value(), 1e-6);
        assertEquals(0.6f, MaxMarginLoss.adaptive(0.4f).compute(video, text, full).value(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> MaxMarginLoss.adaptive(0.4f).compute(video, text, null));
    }

    @Test
    void infoNceByHand() {
        // V = T = I, τ = .5 → logits = 2·I ; CE per row = log(1 + e^-2) = 0.126928011
        NDArray eye = manager.eye(2);
        assertEquals(Math.log(1 + Math.exp(-2)), new InfoNceLoss(0.5f).compute(eye, eye, (float[][]) null).value(), 1e-6);
    }

    @Test
    void learnableLogitScaleIsClampedAndStaysFinite() {
        // log scale 100 would give exp(100) = inf in float32; clamped at ln 100 → scale 100.
        // V = I, T = swapped rows → logits [[0,100],[100,0]] → CE = log(1 + e^100) ≈ 100
        NDArray v = manager.eye(2);
        NDArray t = manager.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
        float value = new InfoNceLoss(0.05f).compute(v, t, manager.create(100f)).value();
        assertTrue(Float.isFinite(value));
        assertEquals(100.0, value, 1e-3);
    }

    @Test
    void smsGradientFlowsToBothTowers() {
        NDArray v = video.duplicate();
        NDArray t = text.duplicate();
        v.setRequiresGradient(true);
        t.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            LossTerms l = SmsLoss.paperDefaults().compute(v, t, new float[][] {{1f, 0.5f}, {0.25f, 1f}});
            gc.backward(l.total());
        }
        // All four hinge terms are active (positive case). d/dv0 of each: text a=0 (−t0·v0 + t0·v1) → −t0;
        // text a=1 (+t1·v0) → +t1; video a=0 (−t0·v0 + t1·v0) → −t0 + t1; video a=1 → 0. Sum (−2·t0 + 2·t1)/4.
        float[] g = v.getGradient().toFloatArray();
        float expected0 = (-0.6f + 0.8f - 0.6f + 0.8f) / 4f; // x-component of dv0
        assertEquals(expected0, g[0], 1e-6);
        assertTrue(t.getGradient().abs().sum().getFloat() > 0);
    }

    @Test
    void rejectsBadShapes() {
        NDArray one = manager.ones(new Shape(1, 2));
        assertThrows(IllegalArgumentException.class, () -> SmsLoss.paperDefaults().compute(one, one, new float[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> SmsLoss.paperDefaults().compute(video, text, new float[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> new SmsLoss(-1f, 0.1f, 0.1f));
    }

    private static float[][] randomUnitRows(Random rnd, int n, int d) {
        float[][] r = new float[n][d];
        for (float[] row : r) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                row[i] = (float) rnd.nextGaussian();
                norm += row[i] * row[i];
            }
            for (int i = 0; i < d; i++) {
                row[i] /= (float) Math.sqrt(norm);
            }
        }
        return r;
    }

    private static float[] flat(float[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * m[0].length, m[0].length);
        }
        return f;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
